using System;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using EmulatorCommandLine = Mapbox.Uploads.Emulator.CommandLine;

namespace Mapbox.Uploads.Tool.Commands;

/// <summary><c>emulator [options]</c>: the local stand-in for the Uploads API, in the foreground until Ctrl+C.</summary>
internal static class EmulatorCommand
{
    public static Command Create()
    {
        var command = new Command("emulator", "Run the local Uploads API emulator (with its S3 bucket) on 127.0.0.1 until Ctrl+C; prints its address and a token for it. "
            + "Takes the emulator's own options: " + EmulatorCommandLine.Usage.Replace("Usage: Mapbox.Uploads.Emulator ", string.Empty, StringComparison.Ordinal))
        {
            // The emulator's options are parsed by the emulator's own CommandLine, so they are passed through untouched.
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetToolAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, ToolContext context)
    {
        if (!EmulatorCommandLine.TryParse(parse.UnmatchedTokens.ToArray(), out var command, out var problem))
        {
            context.Error.WriteLine($"dotnet mapbox emulator: {problem}");
            context.Error.WriteLine(EmulatorCommandLine.Usage);
            return ExitCodes.Usage;
        }

        var (emulator, tokens) = await CommandStart.StartAsync(command, context.Cancellation);
        await using var running = emulator;
        if (context.Json)
        {
            context.WriteJson(new { Url = emulator.BaseUrl, Token = tokens[0].Token, Tokens = tokens.Skip(1).ToDictionary(t => t.Label!, t => t.Token) });
        }
        else
        {
            context.Out.WriteLine($"Listening on {emulator.BaseUrl}");
            foreach (var (label, token) in tokens)
            {
                context.Out.WriteLine(CommandStart.TokenLine(label, token));
            }

            context.Error.WriteLine($"Use it with: MAPBOX_ACCESS_TOKEN=<the token> dotnet mapbox list --api-url {emulator.BaseUrl}   (Ctrl+C stops the emulator)");
        }

        context.Out.Flush();
        try
        {
            await Task.Delay(Timeout.Infinite, context.Cancellation);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C is how the emulator is meant to stop: a success.
        }

        return ExitCodes.Success;
    }
}
