using System.Collections.Generic;
using System.CommandLine;
using System.Threading.Tasks;
using Mapbox.Uploads.Tool.Output;

namespace Mapbox.Uploads.Tool.Commands;

/// <summary><c>list [--reverse] [--max N]</c>: the account's uploads, following every page.</summary>
internal static class ListCommand
{
    private static readonly Option<bool> Reverse = new("--reverse") { Description = "Oldest first instead of newest first." };

    private static readonly Option<int> Max = CommandOptions.Positive(new Option<int>("--max")
    {
        Description = "Show at most N uploads (default: all of them).",
        DefaultValueFactory = _ => int.MaxValue,
    });

    public static Command Create()
    {
        var command = new Command("list", "List the account's uploads, newest first: id, tileset, created, state.")
        {
            Reverse, Max,
        };
        command.SetToolAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, ToolContext context)
    {
        using var client = context.CreateClient();
        var max = parse.GetValue(Max);
        var options = new ListUploadsOptions { Reverse = parse.GetValue(Reverse), PageSize = max < ListUploadsOptions.MaxPageSize ? max : null };
        var uploads = new List<Upload>();
        if (!context.Json)
        {
            context.Out.WriteLine(UploadText.Header);
        }

        await foreach (var upload in client.ListAsync(options, context.Cancellation))
        {
            uploads.Add(upload);
            if (!context.Json)
            {
                context.Out.WriteLine(UploadText.Line(upload));
            }

            if (uploads.Count == max)
            {
                break;
            }
        }

        if (context.Json)
        {
            context.WriteJson(uploads);
        }

        return ExitCodes.Success;
    }
}
