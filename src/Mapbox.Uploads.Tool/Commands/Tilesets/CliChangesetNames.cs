using System.CommandLine;

namespace Mapbox.Uploads.Tool.Commands.Tilesets;

/// <summary>
/// The tilesets CLI's changeset command names, hidden: each says what this tool calls it, so a script or a habit
/// brought from the CLI gets a pointer instead of "unrecognized command". They take the CLI's username first, which
/// here is always the token's, so they point rather than run; publish-changesets has the CLI's shape and runs as it is.
/// </summary>
internal static class CliChangesetNames
{
    private static readonly (string Cli, string Here)[] Pointers =
    [
        ("upload-changeset USERNAME ID FILE [--replace]", "changesets upload ID FILE... [--replace]"),
        ("view-changeset USERNAME ID", "changesets view ID"),
        ("delete-changeset USERNAME ID [--force]", "changesets delete ID... (it asks nothing)"),
    ];

    public static Command[] Create()
    {
        var commands = new Command[Pointers.Length];
        for (var i = 0; i < Pointers.Length; i++)
        {
            var (cli, here) = Pointers[i];
            var command = new Command(cli.Split(' ')[0], $"The tilesets CLI's '{cli}': here 'dotnet mapbox {here}'.")
            {
                Hidden = true,
                TreatUnmatchedTokensAsErrors = false,
            };

            // The arguments are not echoed: the message is the same whatever was typed.
            command.SetAction(_ =>
            {
                System.Console.Error.WriteLine($"dotnet mapbox: '{cli}' is the tilesets CLI's command; here it is 'dotnet mapbox {here}', in the token's account (no USERNAME).");
                System.Console.Error.WriteLine("Run 'dotnet mapbox changesets --help' for usage.");
                return ExitCodes.Usage;
            });
            commands[i] = command;
        }

        return commands;
    }
}
