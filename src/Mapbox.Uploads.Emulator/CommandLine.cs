using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mapbox.Uploads.Emulator;

/// <summary>The command's options: <c>--port N --processing-seconds N --rate-limit N --username NAME --busy-status 409 --list-limit N --tileset-processing-seconds N</c>.</summary>
internal static class CommandLine
{
    public const string DefaultUsername = "emulator";

    public const string Usage =
        "Usage: Mapbox.Uploads.Emulator [--port N] [--processing-seconds N] [--rate-limit N] [--username NAME] [--busy-status 409|422] [--list-limit 1-100] [--tileset-processing-seconds N]";

    public static bool TryParse(
        string[] args, [NotNullWhen(true)] out EmulatorOptions? options, out string username, [NotNullWhen(false)] out string? problem)
    {
        options = null;
        username = DefaultUsername;
        problem = null;
        var port = 0;
        var processingSeconds = new EmulatorOptions().ProcessingTime.TotalSeconds;
        var rateLimit = new EmulatorOptions().RateLimitPerMinute;
        var busyStatus = new EmulatorOptions().BusyStatusCode;
        var listLimit = new EmulatorOptions().DefaultListLimit;
        var tilesetProcessingSeconds = new EmulatorOptions().TilesetProcessingTime.TotalSeconds;
        for (var index = 0; index < args.Length; index++)
        {
            var name = args[index];
            if (index + 1 >= args.Length)
            {
                problem = $"{name} needs a value.";
                return false;
            }
            var value = args[++index];
            var valid = name switch
            {
                "--port" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port <= 65535,
                "--processing-seconds" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out processingSeconds) && processingSeconds >= 0,
                "--rate-limit" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out rateLimit),
                "--busy-status" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out busyStatus) && busyStatus is 409 or 422,
                "--list-limit" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out listLimit) && listLimit is >= 1 and <= ListLimits.Maximum,
                "--tileset-processing-seconds" => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out tilesetProcessingSeconds) && tilesetProcessingSeconds >= 0,
                "--username" => (username = value).Length > 0,
                _ => false,
            };
            if (!valid)
            {
                problem = $"Unknown option or invalid value: {name} {value}";
                return false;
            }
        }
        options = new EmulatorOptions
        {
            Port = port,
            ProcessingTime = TimeSpan.FromSeconds(processingSeconds),
            RateLimitPerMinute = rateLimit,
            BusyStatusCode = busyStatus,
            DefaultListLimit = listLimit,
            TilesetProcessingTime = TimeSpan.FromSeconds(tilesetProcessingSeconds),
        };
        return true;
    }
}
