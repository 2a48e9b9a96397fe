using System;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using System.Threading;
using Mapbox.Uploads.Build;
using Mapbox.Uploads.Tool.Output;

namespace Mapbox.Uploads.Tool;

/// <summary>What one command run shares: the global options, the two streams, the client and the cancellation.</summary>
internal sealed class ToolContext
{
    public ToolContext(ParseResult parse, CancellationToken cancellation)
    {
        Json = parse.GetValue(GlobalOptions.Json);
        ApiUrl = parse.GetValue(GlobalOptions.ApiUrl)!;
        TokenVariable = parse.GetValue(GlobalOptions.TokenVariable)!;
        Cancellation = cancellation;
    }

    public bool Json { get; }

    public Uri ApiUrl { get; }

    public string TokenVariable { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>Results only: text, or with --json one JSON document.</summary>
    public TextWriter Out { get; } = Console.Out;

    /// <summary>Progress, notes and errors.</summary>
    public TextWriter Error { get; } = Console.Error;

    /// <summary>Reads the token from the environment and makes an Uploads client for its account.</summary>
    public UploadsClient CreateClient() =>
        WithApiUrl(() => new UploadsClient(ReadToken(), new UploadsClientOptions { ApiBaseUrl = ApiUrl }));

    /// <summary>Reads the token from the environment and makes a Tiling Service client for its account.</summary>
    public TilesetsClient CreateTilesetsClient() =>
        WithApiUrl(() => new TilesetsClient(ReadToken(), new TilesetsClientOptions { ApiBaseUrl = ApiUrl }));

    private static T WithApiUrl<T>(Func<T> create)
    {
        try
        {
            return create();
        }
        catch (ArgumentException e)
        {
            throw new CodedFailure(ErrorCodes.ApiUrlInsecure, e.Message, ExitCodes.Usage);
        }
    }

    private MapboxAccessToken ReadToken()
    {
        MapboxAccessToken? token;
        try
        {
            token = MapboxAccessToken.FromEnvironment(TokenVariable);
        }
        catch (InvalidMapboxTokenException e)
        {
            var code = e.Reason == InvalidMapboxTokenReason.MissingUsername ? ErrorCodes.TokenWithoutUsername : ErrorCodes.TokenMalformed;
            throw new CodedFailure(code, $"the token in {TokenVariable} is not a Mapbox token ('sk.<payload>.<signature>').");
        }

        return token ?? throw new CodedFailure(ErrorCodes.TokenMissing,
            $"set {TokenVariable} to a token with the scopes the command needs: uploads:write, uploads:read and uploads:list for uploads; tilesets:write, tilesets:read and tilesets:list for the Tiling Service commands.");
    }

    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, JsonOutput.Options));

    /// <summary>A progress display on stderr: a bar when stderr is a terminal, plain lines when it is not.</summary>
    public ProgressDisplay StartProgress() => new(Error, interactive: !Console.IsErrorRedirected);

    /// <summary>Writes <c>file(line,col): error MBXnnnn: title: detail</c>, the form IDEs and the build task use.</summary>
    public static string Diagnostic(ErrorCode code, string detail, string? file = null, int? line = null, int? column = null)
    {
        var origin = file is null ? string.Empty
            : line is int l ? $"{file}({l},{column ?? 1}): "
            : $"{file}: ";
        return $"{origin}error {code.Code}: {code.Title}: {detail}";
    }
}
