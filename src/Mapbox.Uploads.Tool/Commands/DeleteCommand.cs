using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Build;

namespace Mapbox.Uploads.Tool.Commands;

/// <summary><c>delete UPLOAD_ID...</c>: removes status records (never the tilesets).</summary>
internal static class DeleteCommand
{
    private static readonly Argument<string[]> UploadIds = new("UPLOAD_ID")
    {
        Description = "The uploads whose records to delete; each must be complete.",
        Arity = ArgumentArity.OneOrMore,
    };

    public static Command Create()
    {
        var command = new Command("delete", "Delete upload records (the tilesets stay). Mapbox refuses an upload still processing. Exit code 1 if any delete failed.")
        {
            UploadIds,
        };
        command.SetToolAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, ToolContext context)
    {
        using var client = context.CreateClient();
        var outcomes = new List<DeleteOutcome>();
        foreach (var id in parse.GetValue(UploadIds)!.Distinct())
        {
            outcomes.Add(await DeleteAsync(client, id, context));
        }

        if (context.Json)
        {
            context.WriteJson(outcomes);
        }

        return outcomes.All(outcome => outcome.Deleted) ? ExitCodes.Success : ExitCodes.Failed;
    }

    private static async Task<DeleteOutcome> DeleteAsync(UploadsClient client, string id, ToolContext context)
    {
        try
        {
            await client.DeleteAsync(id, context.Cancellation);
            if (!context.Json)
            {
                context.Out.WriteLine($"deleted {id}");
            }

            return new DeleteOutcome(id, true, null, null);
        }
        catch (MapboxApiException e)
        {
            var (code, detail) = FailureCodes.Classify(e, context.Cancellation);
            context.Error.WriteLine(ToolContext.Diagnostic(code, $"upload {id}: {detail}"));
            return new DeleteOutcome(id, false, code.Code, detail);
        }
    }

    /// <summary>One id's result in --json output.</summary>
    private sealed record DeleteOutcome(string UploadId, bool Deleted, string? Code, string? Message);
}
