using System;
using System.CommandLine;

namespace Mapbox.Uploads.Tool;

/// <summary>The options every command takes.</summary>
internal static class GlobalOptions
{
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print machine-readable JSON on stdout and nothing else there (progress and errors go to stderr).",
        Recursive = true,
    };

    public static readonly Option<Uri> ApiUrl = new("--api-url")
    {
        Description = "The service address, e.g. the emulator's http://127.0.0.1:PORT/ (http:// only to a loopback host).",
        DefaultValueFactory = _ => new Uri(UploadsClientOptions.DefaultApiBaseUrl),
        CustomParser = result => Uri.TryCreate(result.Tokens[0].Value, UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : Refuse(result, $"--api-url takes an absolute http(s) address such as {UploadsClientOptions.DefaultApiBaseUrl}, not '{result.Tokens[0].Value}'."),
        Recursive = true,
    };

    public static readonly Option<string> TokenVariable = new("--token-variable")
    {
        Description = "The environment variable holding the access token. The token is never an argument: shell history and process lists keep those.",
        DefaultValueFactory = _ => MapboxAccessToken.DefaultEnvironmentVariable,
        Recursive = true,
    };

    public static void AddTo(Command root)
    {
        root.Options.Add(Json);
        root.Options.Add(ApiUrl);
        root.Options.Add(TokenVariable);
    }

    private static Uri? Refuse(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return null;
    }
}
