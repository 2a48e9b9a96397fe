using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Mapbox.Uploads.Build;

/// <summary>What a job processes, and so bills: Mapbox charges processing by the megabytes of this.</summary>
internal enum ProcessedKind
{
    /// <summary>Uploads API: the data file.</summary>
    File,

    /// <summary>Tiling Service: the whole of every tileset source the recipe reads.</summary>
    Source,

    /// <summary>Tiling Service incremental publishing: the changeset alone.</summary>
    Changeset,
}

/// <summary>Why a tileset is processed in this build.</summary>
internal enum ProcessingReason
{
    /// <summary>No record of an earlier publication.</summary>
    New,

    /// <summary>The data changed: the file, a source the recipe reads, or a parameter of the request.</summary>
    Changed,

    /// <summary>The recipe changed while its sources did not.</summary>
    RecipeChange,

    /// <summary>The last publication did not end in success, or was made for another tileset, account or service: published in full again.</summary>
    Reset,

    /// <summary>Unchanged, but <c>MapboxUploadForce=true</c>.</summary>
    Forced,

    /// <summary>Asked for on the tool's command line, which keeps no record to compare with.</summary>
    Requested,
}

/// <summary>What the last job of a tileset cost, as its record says.</summary>
/// <param name="JobId">The job.</param>
/// <param name="ComputeUnits">Its compute units, when the record holds them.</param>
/// <param name="ProcessedBytes">The bytes it processed (the job's <c>filesize</c>), when the record holds them.</param>
internal sealed record LastJobCost(string JobId, double? ComputeUnits, long? ProcessedBytes);

/// <summary>
/// One tileset's part of the estimate: what this build will have had processed for it, computed before anything is
/// sent. A tileset that is up to date is a row with no reason and 0 bytes.
/// </summary>
/// <param name="Tileset">The tileset, <c>owner.id</c>.</param>
/// <param name="Kind">What is processed.</param>
/// <param name="Bytes">The bytes processed; 0 when nothing is.</param>
/// <param name="Reason">Why it is processed; null when it is not.</param>
/// <param name="What">The file, the sources or the changeset, as the project names them.</param>
/// <param name="Exact">False when <paramref name="Bytes"/> is an upper bound or leaves something out (see <paramref name="Note"/>).</param>
/// <param name="Note">What makes it inexact, when it is.</param>
/// <param name="LastJob">What the tileset's last job cost, when a record of it is known.</param>
internal sealed record ProcessingRow(string Tileset, ProcessedKind Kind, long Bytes, ProcessingReason? Reason, string What, bool Exact = true, string? Note = null, LastJobCost? LastJob = null)
{
    /// <summary>True when this build has the tileset processed.</summary>
    public bool Processed => Reason is not null;
}

/// <summary>
/// The estimate of what a build (or the tool's dry run) will have processed: the one place that turns bytes into
/// megabytes and words the rows. Compiled into the tool too, so both print the same.
/// </summary>
internal static class ProcessingEstimate
{
    /// <summary>Mapbox bills processing by the megabyte: a decimal megabyte, 10^6 bytes (as the summaries' sizes).</summary>
    public const long BytesPerMegabyte = 1_000_000;

    public static double Megabytes(long bytes) => (double)bytes / BytesPerMegabyte;

    /// <summary>Megabytes as the outputs write them: to the byte (six decimals at most), invariant.</summary>
    public static string Format(long bytes) => Megabytes(bytes).ToString("0.######", CultureInfo.InvariantCulture) + " MB";

    public static string Format(double computeUnits) => ComputeUnits(computeUnits) + " CU";

    /// <summary>Compute units as every output writes them, without the unit (for a column headed CU).</summary>
    public static string ComputeUnits(double computeUnits) => computeUnits.ToString("0.###", CultureInfo.InvariantCulture);

    public static long Total(IEnumerable<ProcessingRow> rows) => rows.Sum(row => row.Bytes);

    /// <summary>The reason as the outputs write it.</summary>
    public static string Describe(ProcessingReason? reason) => reason switch
    {
        ProcessingReason.New => "new",
        ProcessingReason.Changed => "changed",
        ProcessingReason.RecipeChange => "recipe change",
        ProcessingReason.Reset => "reset",
        ProcessingReason.Forced => "forced",
        ProcessingReason.Requested => "requested",
        _ => "up to date",
    };

    /// <summary>One row as a line: tileset, bytes, what and why, and the last job's cost.</summary>
    public static string Line(ProcessingRow row)
    {
        var size = (row.Exact ? string.Empty : "at most ") + Format(row.Bytes);
        var what = row.Processed ? $"{size} of {Kind(row.Kind)} {row.What} ({Describe(row.Reason)})" : $"nothing ({row.What} up to date)";
        var note = row.Note is null ? string.Empty : $"; {row.Note}";
        var last = row.LastJob is { } job
            ? $"; last job {job.JobId}: {(job.ProcessedBytes is { } bytes ? Format(bytes) : "- MB")}, {(job.ComputeUnits is { } cu ? Format(cu) : "- CU")}"
            : row.Kind == ProcessedKind.File ? "; an Uploads API upload records no cost" : string.Empty;
        return $"{row.Tileset}: {what}{note}{last}";
    }

    /// <summary>The estimate as log lines: a heading with the total, then the rows, largest first.</summary>
    /// <param name="rows">The rows.</param>
    /// <param name="dryRun">True when nothing will be sent: "would have".</param>
    /// <param name="subject">Who has it processed: the build, or the tool's command.</param>
    public static IReadOnlyList<string> Lines(IReadOnlyList<ProcessingRow> rows, bool dryRun, string subject = "this build")
    {
        var processed = rows.Count(row => row.Processed);
        var heading = $"Mapbox: {subject} {(dryRun ? "would have" : "will have")} {Format(Total(rows))} processed for {processed} of {rows.Count} tileset(s)"
            + (rows.Any(row => !row.Exact) ? " (not exact; see the notes)" : string.Empty) + ":";
        return Largest(rows).Select(row => "  " + Line(row)).Prepend(heading).ToList();
    }

    public static IEnumerable<ProcessingRow> Largest(IEnumerable<ProcessingRow> rows) =>
        rows.OrderByDescending(row => row.Bytes).ThenBy(row => row.Tileset, StringComparer.Ordinal);

    private static string Kind(ProcessedKind kind) => kind switch
    {
        ProcessedKind.File => "file",
        ProcessedKind.Source => "tileset source(s)",
        _ => "the changeset of source(s)",
    };
}
