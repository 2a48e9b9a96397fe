using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Mapbox.Uploads.Build.Summary;

/// <summary>
/// Hands the Markdown summary to the CI system the build runs in: appended to the file GitHub Actions names in
/// <c>GITHUB_STEP_SUMMARY</c>, and for Azure Pipelines (<c>TF_BUILD</c>) written to a file of its own that a
/// <c>##vso[task.uploadsummary]</c> log line attaches to the run. Outside CI it does nothing.
/// </summary>
internal static class CiSummaries
{
    /// <summary>GitHub's limit for one step's summary; larger ones are refused and not shown.</summary>
    public const long StepSummaryLimitBytes = 1024 * 1024;

    public const string GitHubVariable = "GITHUB_STEP_SUMMARY";

    public const string AzureVariable = "TF_BUILD";

    public const string StepSummaryFull = "The GitHub job summary is already at its 1 MiB limit, so the Mapbox table is only in the build log.";

    /// <summary>Writes the summaries the environment asks for; returns the lines to log (the Azure command, when any).</summary>
    /// <param name="rows">One row per tileset.</param>
    /// <param name="environment">Reads an environment variable (the task passes its own, so tests need no process state).</param>
    /// <param name="azureSummaryPath">Where to write the Azure Pipelines summary, e.g. under the project's obj/; null writes none.</param>
    public static IReadOnlyList<string> Publish(IReadOnlyList<ISummaryRow> rows, Func<string, string?> environment, string? azureSummaryPath)
    {
        var logLines = new List<string>();
        if (environment(GitHubVariable) is { Length: > 0 } stepSummary)
        {
            // Other steps' tools may have written to the same file; the limit is for the whole of it.
            var used = File.Exists(stepSummary) ? new FileInfo(stepSummary).Length : 0;
            var markdown = MarkdownSummary.Render(rows, StepSummaryLimitBytes - used - 1);
            if (markdown.Length > 0)
            {
                File.AppendAllText(stepSummary, "\n" + markdown, new UTF8Encoding(false));
            }
            else
            {
                logLines.Add(StepSummaryFull);
            }
        }

        if (azureSummaryPath is not null && string.Equals(environment(AzureVariable), "True", StringComparison.OrdinalIgnoreCase))
        {
            var path = Path.GetFullPath(azureSummaryPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, MarkdownSummary.Render(rows, StepSummaryLimitBytes), new UTF8Encoding(false));
            logLines.Add("##vso[task.uploadsummary]" + path);
        }

        return logLines;
    }
}
