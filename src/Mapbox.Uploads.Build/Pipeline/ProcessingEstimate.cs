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
/// The estimate of a build's processing and its budget (<c>MapboxMaxProcessedMegabytes</c>): the one place that turns
/// bytes into megabytes, words the rows, and refuses a build over its budget before any request.
/// </summary>
internal static class ProcessingEstimate
{
    /// <summary>Mapbox bills processing by the megabyte: a decimal megabyte, 10^6 bytes (as the summaries' sizes).</summary>
    public const long BytesPerMegabyte = 1_000_000;

    public const string BudgetProperty = "MapboxMaxProcessedMegabytes";

    public static double Megabytes(long bytes) => (double)bytes / BytesPerMegabyte;

    /// <summary>Megabytes as the outputs write them: to the byte (six decimals at most), invariant.</summary>
    public static string Format(long bytes) => Megabytes(bytes).ToString("0.######", CultureInfo.InvariantCulture) + " MB";

    public static string Format(double computeUnits) => computeUnits.ToString("0.###", CultureInfo.InvariantCulture) + " CU";

    /// <summary>The budget in bytes from the property's text: null when empty; a negative or non-numeric value is MBX1020.</summary>
    public static long? ParseBudget(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text!.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var megabytes)
            && megabytes >= 0 && megabytes * BytesPerMegabyte < long.MaxValue)
        {
            return (long)Math.Floor(megabytes * BytesPerMegabyte);
        }

        throw new MapboxBuildException(ErrorCodes.SettingInvalid, $"{BudgetProperty} is '{text}', not a number of megabytes of 0 or more (empty: no budget)");
    }

    public static long Total(IEnumerable<ProcessingRow> rows) => rows.Sum(row => row.Bytes);

    /// <summary>The reason as the outputs write it.</summary>
    public static string Describe(ProcessingReason? reason) => reason switch
    {
        ProcessingReason.New => "new",
        ProcessingReason.Changed => "changed",
        ProcessingReason.RecipeChange => "recipe change",
        ProcessingReason.Reset => "reset",
        ProcessingReason.Forced => "forced",
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

    /// <summary>What a result line adds for the processing Mapbox reported, e.g. <c>, processed 0.846 MB, 0.4 CU</c>; empty when none was.</summary>
    public static string Reported(Processed? processed) => processed is null ? string.Empty
        : ", processed " + string.Join(", ", new[] { processed.Bytes is { } bytes ? Format(bytes) : null, processed.ComputeUnits is { } cu ? Format(cu) : null }.Where(part => part is not null));

    /// <summary>The estimate as log lines: a heading with the total, then the rows, largest first.</summary>
    public static IReadOnlyList<string> Lines(IReadOnlyList<ProcessingRow> rows, bool dryRun)
    {
        var processed = rows.Count(row => row.Processed);
        var heading = $"Mapbox: {(dryRun ? "this build would have" : "this build will have")} {Format(Total(rows))} processed for {processed} of {rows.Count} tileset(s)"
            + (rows.Any(row => !row.Exact) ? " (at most; see the notes)" : string.Empty) + ":";
        return Largest(rows).Select(row => "  " + Line(row)).Prepend(heading).ToList();
    }

    /// <summary>Refuses the build (MBX2020) when it would have more processed than <paramref name="budgetBytes"/>; nothing has been sent.</summary>
    public static void CheckBudget(IReadOnlyList<ProcessingRow> rows, long? budgetBytes)
    {
        var total = Total(rows);
        if (budgetBytes is not { } budget || total <= budget)
        {
            return;
        }

        var listed = string.Join("; ", Largest(rows).Where(row => row.Processed).Select(Line));
        throw new MapboxBuildException(ErrorCodes.BudgetExceeded,
            $"This build would have {Format(total)} processed, more than {BudgetProperty}={Format(budget)}, so nothing was sent: {listed}");
    }

    private static IEnumerable<ProcessingRow> Largest(IEnumerable<ProcessingRow> rows) =>
        rows.OrderByDescending(row => row.Bytes).ThenBy(row => row.Tileset, StringComparer.Ordinal);

    private static string Kind(ProcessedKind kind) => kind switch
    {
        ProcessedKind.File => "file",
        ProcessedKind.Source => "tileset source(s)",
        _ => "changeset",
    };
}
