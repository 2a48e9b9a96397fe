using System.Collections.Generic;
using System.CommandLine;
using System.Threading.Tasks;
using Mapbox.Uploads.Tool.Output;

namespace Mapbox.Uploads.Tool.Commands.Tilesets;

/// <summary><c>jobs TILESET [JOB_ID]</c>: a tileset's publish jobs, or one of them.</summary>
internal static class JobsCommand
{
    private static readonly Argument<string> Tileset = PublishCommand.TilesetArgument();

    private static readonly Argument<string?> JobId = new("JOB_ID")
    {
        Description = "One job to show in full (errors, warnings, figures); without it, every job of the tileset.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Command Create()
    {
        var command = new Command("jobs", "Show a tileset's publish jobs (id, stage, created, errors and warnings), or one job. Exit code 0 when read, whatever the stage.")
        {
            Tileset, JobId,
        };
        command.SetToolAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, ToolContext context)
    {
        using var client = context.CreateTilesetsClient();
        var tileset = UploadCommand.TilesetOf(parse.GetValue(Tileset)!, client.Username);
        if (parse.GetValue(JobId) is { } jobId)
        {
            var job = await client.GetJobAsync(tileset, jobId, context.Cancellation);
            if (context.Json)
            {
                context.WriteJson(job);
            }
            else
            {
                JobText.WriteBlock(context.Out, job);
            }

            return ExitCodes.Success;
        }

        var jobs = new List<TilesetJob>();
        if (!context.Json)
        {
            context.Out.WriteLine(JobText.Header);
        }

        await foreach (var job in client.ListJobsAsync(tileset, cancellationToken: context.Cancellation))
        {
            jobs.Add(job);
            if (!context.Json)
            {
                context.Out.WriteLine(JobText.Line(job));
            }
        }

        if (context.Json)
        {
            context.WriteJson(jobs);
        }

        return ExitCodes.Success;
    }
}
