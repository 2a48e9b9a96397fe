using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Tool.Commands;
using Mapbox.Uploads.Tool.Commands.Tilesets;

namespace Mapbox.Uploads.Tool;

/// <summary>The commands of <c>dotnet mapbox</c>, the parse and the exit code for a wrong command line.</summary>
internal static class CommandTable
{
    /// <summary>One factory per top-level command: the Uploads commands, the emulator, then the Mapbox Tiling Service commands.</summary>
    private static readonly Func<Command>[] Commands =
    [
        UploadCommand.Create,
        CheckCommand.Create,
        StatusCommand.Create,
        WaitCommand.Create,
        ListCommand.Create,
        DeleteCommand.Create,
        EmulatorCommand.Create,
        SourcesCommand.Create,
        RecipeCommand.Create,
        PublishCommand.Create,
        JobsCommand.Create,
        DiffCommand.Create,
        ChangesetsCommand.Create,
        PublishChangesetsCommand.Create,
    ];

    public static RootCommand CreateRoot()
    {
        var root = new RootCommand("dotnet mapbox: check, upload, wait for, list and delete Mapbox uploads; upload Tiling Service sources, validate recipes, publish tilesets and follow their jobs, send changesets to incremental tilesets; run the local emulator. "
            + "The token comes from MAPBOX_ACCESS_TOKEN (or --token-variable). Exit codes: 0 success, 1 failed, 2 usage error, 3 cancelled.");
        GlobalOptions.AddTo(root);
        foreach (var create in Commands)
        {
            root.Subcommands.Add(create());
        }

        foreach (var pointer in CliChangesetNames.Create())
        {
            root.Subcommands.Add(pointer);
        }

        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        // Before the parse, whose errors echo arguments; then what a response file (@file) expanded to.
        if (RefusesToken(args))
        {
            return ExitCodes.Usage;
        }

        var parse = CreateRoot().Parse(args);
        if (RefusesToken([.. parse.Tokens.Select(token => token.Value)]))
        {
            return ExitCodes.Usage;
        }

        if (parse.Errors.Count > 0)
        {
            foreach (var message in parse.Errors.Select(error => error.Message).Distinct())
            {
                Console.Error.WriteLine($"dotnet mapbox: {message}");
            }

            Console.Error.WriteLine($"Run '{CommandPath(parse.CommandResult)} --help' for usage.");
            return ExitCodes.Usage;
        }

        using var cancellation = new CancellationTokenSource();
        void Stop(PosixSignalContext signal)
        {
            // The first Ctrl+C (or SIGTERM) stops the command cleanly, aborting open multipart uploads; a second one ends the process.
            if (!cancellation.IsCancellationRequested)
            {
                signal.Cancel = true;
                cancellation.Cancel();
            }
        }

        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, cancellation.Token);
    }

    private static bool RefusesToken(IReadOnlyList<string> arguments)
    {
        if (!TokenArguments.AnyIn(arguments))
        {
            return false;
        }

        Console.Error.WriteLine(TokenArguments.Refusal(arguments.Any(TokenArguments.IsTokenOption)));
        return true;
    }

    /// <summary>What the user typed to reach the command, e.g. <c>dotnet mapbox upload</c>.</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is CommandResult { Command: not RootCommand } command; current = command.Parent)
        {
            names.Insert(0, command.Command.Name);
        }

        return string.Join(' ', ["dotnet mapbox", .. names]);
    }
}
