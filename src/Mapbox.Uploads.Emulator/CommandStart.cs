using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// Starts what a parsed command asks for: the server with its faults and processing rules, and its tokens. The
/// emulator's own command and <c>dotnet mapbox emulator</c> both start through here.
/// </summary>
internal static class CommandStart
{
    /// <summary>Starts the server and mints the tokens; revocations run on their own until the server stops.</summary>
    /// <returns>The server and the tokens in print order: the default first (label null), then each <c>--token</c>.</returns>
    public static async Task<(EmulatorServer Server, IReadOnlyList<(string? Label, string Token)> Tokens)> StartAsync(
        EmulatorCommand command, CancellationToken cancellationToken)
    {
        var emulator = await EmulatorServer.StartAsync(command.Options, cancellationToken);
        foreach (var rule in command.Faults)
        {
            emulator.Faults.Add(rule);
        }

        emulator.Processing.InspectContent = command.InspectContent;
        foreach (var (tileset, error) in command.FailedTilesets)
        {
            emulator.Processing.FailTileset(tileset, error);
        }

        var tokens = new List<(string?, string)> { (null, emulator.MintToken(command.Username)) };
        foreach (var extra in command.Tokens)
        {
            var token = emulator.MintToken(extra.Account ?? command.Username, [.. extra.Scopes]);
            tokens.Add((extra.Label, token));
            if (extra.RevokeAfter is { } revokeAfter)
            {
                _ = RevokeAsync(emulator, token, revokeAfter);
            }
        }

        return (emulator, tokens);
    }

    /// <summary>The line that prints a token: <c>Token: ...</c>, or <c>Token LABEL: ...</c> for an extra one.</summary>
    public static string TokenLine(string? label, string token) => label is null ? $"Token: {token}" : $"Token {label}: {token}";

    // A zero delay completes at once, so such a token is revoked before anything can use it.
    private static async Task RevokeAsync(EmulatorServer emulator, string token, TimeSpan delay)
    {
        await Task.Delay(delay);
        emulator.RevokeToken(token);
    }
}
