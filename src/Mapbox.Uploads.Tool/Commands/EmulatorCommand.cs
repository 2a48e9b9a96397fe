using System;
using System.CommandLine;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;

namespace Mapbox.Uploads.Tool.Commands;

/// <summary><c>emulator [options]</c>: the local stand-in for the Uploads API, in the foreground until Ctrl+C.</summary>
internal static class EmulatorCommand
{
    public static Command Create()
    {
        var command = new Command("emulator", "Run the local Uploads API emulator (with its S3 bucket) on 127.0.0.1 until Ctrl+C; prints its address and a token for it. "
            + "Takes the emulator's own options:" + Environment.NewLine + CommandLine.Usage)
        {
            // The emulator's own command line parses its options, so they pass through untouched.
            TreatUnmatchedTokensAsErrors = false,
        };
        command.SetToolAction(RunAsync);
        return command;
    }

    private static Task<int> RunAsync(ParseResult parse, ToolContext context)
    {
        if (context.Json)
        {
            context.Error.WriteLine("dotnet mapbox emulator: --json does not apply; the emulator prints 'Listening on URL' and 'Token: ...' lines.");
            return Task.FromResult(ExitCodes.Usage);
        }

        return CommandLineRun.RunAsync([.. parse.UnmatchedTokens], context.Out, context.Error, context.Cancellation);
    }
}
