using System;
using System.Collections.Generic;
using System.Linq;
using Mapbox.Uploads.Build;
using Mapbox.Uploads.Tokens;

namespace Mapbox.Uploads.Tool;

/// <summary>
/// Refuses a token on the command line before the parser sees it: a parse error, a typo suggestion or a help page
/// would otherwise echo the argument. Refused are <c>--token</c> and <c>--access-token</c> (alone, or as
/// <c>--token=X</c> / <c>--token:X</c>), whatever value follows, and any argument holding something of
/// <see cref="TokenShape"/>. Nothing of the command line is printed with the refusal.
/// </summary>
internal static class TokenArguments
{
    /// <summary>Options other tools take the token with; this one does not, so they can only be a mistake.</summary>
    private static readonly string[] TokenOptions = ["--token", "--access-token"];

    public static bool AnyIn(IEnumerable<string> arguments) => arguments.Any(IsToken);

    /// <summary>The one message, the same whichever argument was the token, so it can repeat none of them.</summary>
    public static string Refusal(bool tokenOption) => ToolContext.Diagnostic(ErrorCodes.TokenAsArgument,
        (tokenOption ? "dotnet mapbox takes no --token option" : "an argument looks like a Mapbox access token")
        + $" (not shown; nothing was sent). Set {MapboxAccessToken.DefaultEnvironmentVariable} to the token, or name another variable with --token-variable: "
        + "a token is never an argument, because shell history, process lists and CI logs keep every argument. If it was a real token, rotate it on account.mapbox.com.");

    public static bool IsTokenOption(string argument) => TokenOptions.Any(option =>
        argument.Equals(option, StringComparison.OrdinalIgnoreCase)
        || argument.StartsWith(option + "=", StringComparison.OrdinalIgnoreCase)
        || argument.StartsWith(option + ":", StringComparison.OrdinalIgnoreCase));

    private static bool IsToken(string argument) => IsTokenOption(argument) || TokenShape.IsIn(argument);
}
