using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// The emulator as a command: parse the options, start, print the address and the tokens, serve until stopped.
/// Program.cs and <c>dotnet mapbox emulator</c> both run it, so the two cannot drift apart.
/// </summary>
internal static class CommandLineRun
{
    /// <returns>0 once stopped; 2 when the options are wrong.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken stopped)
    {
        if (!CommandLine.TryParse(args, out var command, out var problem))
        {
            error.WriteLine(problem);
            error.WriteLine(CommandLine.Usage);
            return 2;
        }

        await using var emulator = await EmulatorServer.StartAsync(command.Options, stopped);
        foreach (var rule in command.Faults)
        {
            emulator.Faults.Add(rule);
        }

        emulator.Processing.InspectContent = command.InspectContent;
        foreach (var (tileset, failure) in command.FailedTilesets)
        {
            emulator.Processing.FailTileset(tileset, failure);
        }

        output.WriteLine($"Listening on {emulator.BaseUrl}");
        output.WriteLine($"Token: {emulator.MintToken(command.Username)}");
        foreach (var extra in command.Tokens)
        {
            var token = emulator.MintToken(extra.Account ?? command.Username, [.. extra.Scopes]);
            output.WriteLine($"Token {extra.Label}: {token}");
            if (extra.RevokeAfter is { } revokeAfter)
            {
                _ = RevokeAsync(token, revokeAfter);
            }
        }

        output.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, stopped);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C or SIGTERM is how the emulator is meant to stop.
        }

        return 0;

        // A zero delay completes at once, so such a token is revoked before anything can use it.
        async Task RevokeAsync(string token, TimeSpan delay)
        {
            await Task.Delay(delay);
            emulator.RevokeToken(token);
        }
    }
}
