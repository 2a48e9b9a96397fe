using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Mapbox.Uploads.Build.Summary;

/// <summary>How the summaries write a row's values, the same in every one of them.</summary>
internal static class SummaryText
{
    public static readonly string[] Headers = ["Tileset", "File", "Status", "Upload", "Duration", "Size", "Processed", "CU"];

    public static string[] Cells(ISummaryRow row) =>
    [
        Subject(row),
        row.File,
        (row.ErrorCode is null ? row.Status : row.Status + " " + row.ErrorCode) + (row.Incremental is null ? string.Empty : $" ({row.Incremental})"),
        row.UploadId ?? "-",
        Duration(row.Duration),
        Size(row.SizeBytes),
        row.ProcessedBytes is { } processed ? ProcessingEstimate.Format(processed) : "-",
        row.ComputeUnits is { } cu ? ProcessingEstimate.ComputeUnits(cu) : "-",
    ];

    public static string Duration(TimeSpan? duration)
    {
        if (duration is not { } value)
        {
            return "-";
        }

        return value.TotalSeconds < 60
            ? value.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"
            : ((int)value.TotalMinutes).ToString(CultureInfo.InvariantCulture) + " min " + value.Seconds.ToString("00", CultureInfo.InvariantCulture) + " s";
    }

    public static string Size(long? bytes)
    {
        if (bytes is not { } value)
        {
            return "-";
        }

        string[] units = ["B", "KB", "MB", "GB", "TB"];
        var size = (double)value;
        var unit = 0;
        while (size >= 1000 && unit < units.Length - 1)
        {
            size /= 1000;
            unit++;
        }

        return unit == 0
            ? value.ToString(CultureInfo.InvariantCulture) + " B"
            : size.ToString(size < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary>
    /// One line of counts, e.g. <c>3 tilesets: 2 Succeeded, 1 Failed.</c>; a status belongs to each row, and a Tiling
    /// Service tileset has rows for its sources' files and its recipe, so rows and tilesets are both named when they
    /// differ (<c>5 items for 2 tilesets: 3 Skipped, 2 Succeeded.</c>); sources are not tilesets and are not counted as such.
    /// </summary>
    public static string Totals(IReadOnlyList<ISummaryRow> rows)
    {
        var counts = rows.GroupBy(row => row.Status, StringComparer.Ordinal)
            .Select(group => group.Count().ToString(CultureInfo.InvariantCulture) + " " + group.Key);
        var processed = rows.Where(row => row.ProcessedBytes is not null).ToList();
        var cost = processed.Count == 0 && rows.All(row => row.ComputeUnits is null)
            ? string.Empty
            : " Processed " + ProcessingEstimate.Format(processed.Sum(row => row.ProcessedBytes!.Value))
                + (rows.Any(row => row.ComputeUnits is not null) ? ", " + ProcessingEstimate.Format(rows.Sum(row => row.ComputeUnits ?? 0)) : string.Empty)
                + " (as Mapbox reported).";
        var tilesets = rows.Where(row => !row.IsTilesetSource).Select(row => row.Tileset).Distinct(StringComparer.Ordinal).Count();
        var subject = tilesets == 0 ? Plural(rows.Count, "source file") : Plural(tilesets, "tileset");
        if (tilesets != 0 && rows.Count != tilesets)
        {
            subject = Plural(rows.Count, "item") + " for " + subject;
        }

        return subject + ": " + string.Join(", ", counts) + "." + cost;
    }

    /// <summary>The row's first cell: its tileset, or for a source's file the source as its URI spells it (<c>source owner/id</c>).</summary>
    public static string Subject(ISummaryRow row) => row.IsTilesetSource ? "source " + row.Tileset.Replace('.', '/') : row.Tileset;

    private static string Plural(int count, string noun) => count.ToString(CultureInfo.InvariantCulture) + " " + noun + (count == 1 ? string.Empty : "s");
}
