using System;
using System.Collections.Generic;

namespace Mapbox.Uploads.Emulator;

/// <summary>One extra token the command mints and prints as <c>Token {Label}: ...</c>.</summary>
/// <param name="Label">The name printed before the token, so a script can pick it out.</param>
/// <param name="Account">The account the token belongs to; another account's token gets 403 from the default one's routes.</param>
/// <param name="Scopes">Its scopes; empty means the three <c>uploads:*</c> scopes.</param>
/// <param name="RevokeAfter">When set, the token stops working this long after the start (zero: it never works).</param>
internal sealed record TokenArgument(string Label, string? Account, IReadOnlyList<string> Scopes, TimeSpan? RevokeAfter)
{
    public const string Option = "--token";

    private static readonly string[] Keys = ["label", "account", "scopes", "revoke-after"];

    /// <summary>Reads <c>label=readonly,account=other,scopes=uploads:read+uploads:list,revoke-after=30</c>.</summary>
    public static TokenArgument? Parse(string text, out IReadOnlyList<string> problems)
    {
        var arguments = CommandArguments.Parse(Option, text, Keys);
        problems = arguments.Problems;
        var label = arguments.Required("label");
        if (label.Contains(':') || label.Contains(' '))
        {
            arguments.Problems.Add($"{Option} label={label} cannot contain ':' or spaces.");
        }
        var scopes = arguments.Text("scopes")?.Split('+', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (arguments.Has("scopes") && scopes.Length == 0)
        {
            arguments.Problems.Add($"{Option} scopes= needs at least one scope, joined with '+'.");
        }
        var token = new TokenArgument(label, arguments.Text("account"), scopes, arguments.Seconds("revoke-after"));
        return arguments.Problems.Count == 0 ? token : null;
    }
}
