using System.CommandLine;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Tool.Output;

namespace Mapbox.Uploads.Tool.Commands;

/// <summary><c>wait UPLOAD_ID... [--timeout S]</c>: waits for uploads together, one list request per poll round.</summary>
internal static class WaitCommand
{
    private static readonly Argument<string[]> UploadIds = new("UPLOAD_ID")
    {
        Description = "The uploads to wait for.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<int> Timeout = CommandOptions.Timeout();

    public static Command Create()
    {
        var command = new Command("wait", "Wait until every upload is processed. Exit code 1 if any failed, timed out or is unknown.")
        {
            UploadIds, Timeout,
        };
        command.SetToolAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, ToolContext context)
    {
        using var client = context.CreateClient();
        var ids = parse.GetValue(UploadIds)!.Distinct().ToList();
        var timeout = CommandOptions.Seconds(parse.GetValue(Timeout));
        using var progress = context.StartProgress();
        var results = await client.WaitForCompletionAsync(ids, timeout, progress, context.Cancellation);
        progress.Dispose();
        if (context.Json)
        {
            context.WriteJson(results.Select(result => new { result.UploadId, result.Succeeded, result.TimedOut, Failure = result.Failure?.Message, result.Upload }));
        }

        foreach (var result in results)
        {
            if (!context.Json && result.Upload is { } upload)
            {
                context.Out.WriteLine(UploadText.Line(upload));
            }

            if (WaitOutcomes.Problem(result, context.Cancellation) is { } problem)
            {
                context.Error.WriteLine(ToolContext.Diagnostic(problem.Code, problem.Detail));
            }
        }

        return results.All(result => result.Succeeded) ? ExitCodes.Success : ExitCodes.Failed;
    }
}
