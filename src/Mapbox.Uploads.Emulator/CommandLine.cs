using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mapbox.Uploads.Emulator;

/// <summary>What the command was asked for: the server's options and what to set up once it runs.</summary>
internal sealed record EmulatorCommand
{
    public required EmulatorOptions Options { get; init; }

    public required string Username { get; init; }

    public required IReadOnlyList<FaultRule> Faults { get; init; }

    public required IReadOnlyList<TokenArgument> Tokens { get; init; }

    /// <summary>Tileset (full or bare id) to the error its uploads fail processing with.</summary>
    public required IReadOnlyDictionary<string, string> FailedTilesets { get; init; }

    public required bool InspectContent { get; init; }
}

/// <summary>Reads the command's options; <see cref="Usage"/> lists them.</summary>
internal static class CommandLine
{
    public const string DefaultUsername = "emulator";

    public const string Usage = """
        Usage: Mapbox.Uploads.Emulator [options]
          --port N                     loopback port (0, the default, picks a free one)
          --username NAME              the account of the printed token (emulator)
          --processing-seconds S       how long processing takes (2)
          --rate-limit N               API requests per token and window; 0 turns it off (60)
          --rate-limit-window S        the rate-limit window (60)
          --busy-status 409|422        the answer to a create while the tileset is processing (422)
          --list-limit 1-100           the page size of a list without limit (100)
          --minimum-part-size BYTES    the smallest multipart part but the last (5242880)
          --bucket NAME                the staging bucket the credentials name
          --fault route=R,kind=K[,times=N][,probability=P][,method=M][,status=N][,delay=S][,after-bytes=N][,reset=S]
                                       R: credentials|create|status|list|delete|s3; K: error|drop|latency|rate-limited
          --fault-seed N               seeds the draws of faults with a probability (0)
          --token label=L[,account=A][,scopes=a+b][,revoke-after=S]
                                       mints another token, printed as "Token L: ..."
          --fail-tileset TILESET=ERROR uploads to TILESET (owner.id or id) fail processing with ERROR
          --inspect-content on|off     whether unparsable JSON and unknown content fail processing (on)
          --tileset-processing-seconds S how long a Tiling Service job takes (5)
          --credential-lifetime S      staging credentials answer ExpiredToken after S seconds (never)
          --staging-url URL            the credentials point at another S3 (http://host:port/), which gets the bytes
          --request-log FILE           appends every request, token redacted, to FILE as JSON lines
          --account-flag FLAG          every account has this feature flag (api_rasterarrays lets rasterarray recipes through)
        Every option but --port and --username can be repeated where it adds a rule (--fault, --token, --fail-tileset, --account-flag).
        """;

    public static bool TryParse(string[] args, [NotNullWhen(true)] out EmulatorCommand? command, [NotNullWhen(false)] out string? problem)
    {
        command = null;
        problem = null;
        var defaults = new EmulatorOptions();
        var username = DefaultUsername;
        var port = defaults.Port;
        var processingSeconds = defaults.ProcessingTime.TotalSeconds;
        var rateLimit = defaults.RateLimitPerMinute;
        var rateLimitWindowSeconds = defaults.RateLimitWindow.TotalSeconds;
        var busyStatus = defaults.BusyStatusCode;
        var listLimit = defaults.DefaultListLimit;
        var minimumPartSize = defaults.MinimumPartSize;
        var bucket = defaults.Bucket;
        var faultSeed = defaults.FaultSeed;
        var inspectContent = true;
        string? requestLogPath = null;
        Uri? stagingUrl = null;
        var faults = new List<FaultRule>();
        var tokens = new List<TokenArgument>();
        var failedTilesets = new Dictionary<string, string>(StringComparer.Ordinal);
        var accountFlags = new HashSet<string>(StringComparer.Ordinal);
        double? credentialLifetimeSeconds = null;
        var tilesetProcessingSeconds = defaults.TilesetProcessingTime.TotalSeconds;
        for (var index = 0; index < args.Length; index++)
        {
            var name = args[index];
            if (index + 1 >= args.Length)
            {
                problem = $"{name} needs a value.";
                return false;
            }
            var value = args[++index];
            IReadOnlyList<string> problems = [];
            var valid = name switch
            {
                "--port" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535,
                "--processing-seconds" => TryParseSeconds(value, out processingSeconds),
                "--rate-limit" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out rateLimit),
                "--rate-limit-window" => TryParseSeconds(value, out rateLimitWindowSeconds) && rateLimitWindowSeconds >= 1,
                "--busy-status" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out busyStatus) && busyStatus is 409 or 422,
                "--list-limit" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out listLimit) && listLimit is >= 1 and <= ListLimits.Maximum,
                "--minimum-part-size" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out minimumPartSize) && minimumPartSize >= 1,
                "--bucket" => (bucket = value).Trim().Length > 0,
                "--tileset-processing-seconds" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out tilesetProcessingSeconds) && tilesetProcessingSeconds >= 0,
                "--username" => (username = value).Length > 0,
                "--fault-seed" => int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out faultSeed),
                "--fault" => Add(FaultArgument.Parse(value, out problems), faults),
                "--token" => Add(TokenArgument.Parse(value, out problems), tokens),
                "--fail-tileset" => TryAddFailedTileset(value, failedTilesets),
                "--inspect-content" => TryParseSwitch(value, out inspectContent),
                "--staging-url" => Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out stagingUrl) && stagingUrl.Scheme is "http" or "https",
                "--request-log" => (requestLogPath = value).Trim().Length > 0,
                "--account-flag" => value.Trim().Length > 0 && accountFlags.Add(value.Trim()),
                "--credential-lifetime" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var lifetime)
                    && (credentialLifetimeSeconds = lifetime) > 0,
                _ => false,
            };
            if (!valid)
            {
                problem = problems.Count > 0 ? string.Join(Environment.NewLine, problems) : $"Unknown option or invalid value: {name} {value}";
                return false;
            }
        }
        command = new EmulatorCommand
        {
            Options = new EmulatorOptions
            {
                Port = port,
                ProcessingTime = TimeSpan.FromSeconds(processingSeconds),
                RateLimitPerMinute = rateLimit,
                RateLimitWindow = TimeSpan.FromSeconds(rateLimitWindowSeconds),
                BusyStatusCode = busyStatus,
                DefaultListLimit = listLimit,
                MinimumPartSize = minimumPartSize,
                Bucket = bucket,
                FaultSeed = faultSeed,
                RequestLogPath = requestLogPath,
                TilesetProcessingTime = TimeSpan.FromSeconds(tilesetProcessingSeconds),
                StagingUrl = stagingUrl,
                AccountFlags = accountFlags,
                CredentialLifetime = credentialLifetimeSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            },
            Username = username,
            Faults = faults,
            Tokens = tokens,
            FailedTilesets = failedTilesets,
            InspectContent = inspectContent,
        };
        return true;
    }

    private static bool TryParseSeconds(string value, out double seconds) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds >= 0;

    private static bool TryParseSwitch(string value, out bool on)
    {
        on = value == "on";
        return value is "on" or "off";
    }

    private static bool Add<T>(T? item, List<T> items)
        where T : class
    {
        if (item is not null)
        {
            items.Add(item);
        }
        return item is not null;
    }

    private static bool TryAddFailedTileset(string value, Dictionary<string, string> failedTilesets)
    {
        var equals = value.IndexOf('=');
        if (equals <= 0 || equals == value.Length - 1)
        {
            return false;
        }
        failedTilesets[value[..equals]] = value[(equals + 1)..];
        return true;
    }
}
