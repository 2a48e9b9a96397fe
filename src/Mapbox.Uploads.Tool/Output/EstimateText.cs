using System.Collections.Generic;
using System.Linq;
using Mapbox.Uploads.Build;

namespace Mapbox.Uploads.Tool.Output;

/// <summary>A dry run's estimate, worded as the task words it (the shared <see cref="ProcessingEstimate"/>), or as JSON.</summary>
internal static class EstimateText
{
    public static void Write(ToolContext context, IReadOnlyList<ProcessingRow> rows)
    {
        if (context.Json)
        {
            context.WriteJson(new
            {
                DryRun = true,
                ProcessedBytes = ProcessingEstimate.Total(rows),
                ProcessedMegabytes = ProcessingEstimate.Megabytes(ProcessingEstimate.Total(rows)),
                Tilesets = ProcessingEstimate.Largest(rows).Select(row => new
                {
                    row.Tileset,
                    ProcessedBytes = row.Bytes,
                    ProcessedMegabytes = ProcessingEstimate.Megabytes(row.Bytes),
                    Reason = ProcessingEstimate.Describe(row.Reason),
                    row.What,
                    row.Exact,
                    row.Note,
                    LastJob = row.LastJob is { } job ? new { job.JobId, ProcessedBytes = job.ProcessedBytes, ComputeUnits = job.ComputeUnits } : null,
                }),
            });
            return;
        }

        foreach (var line in ProcessingEstimate.Lines(rows, dryRun: true, subject: "this command"))
        {
            context.Out.WriteLine(line);
        }

        context.Out.WriteLine("Dry run: nothing was sent for processing.");
    }
}
