using System;
using System.Collections.Generic;
using System.Linq;

namespace Mapbox.Uploads.Build.Summary;

/// <summary>The summary as a plain text table for the build output: a header, a rule, one line a row, the totals.</summary>
internal static class PlainTable
{
    public static IReadOnlyList<string> Render(IReadOnlyList<ISummaryRow> rows)
    {
        var cells = rows.Select(SummaryText.Cells).Prepend(SummaryText.Headers).ToList();
        var widths = Enumerable.Range(0, SummaryText.Headers.Length).Select(column => cells.Max(line => line[column].Length)).ToArray();
        var lines = cells.Select(line => string.Join("  ", line.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd()).ToList();
        lines.Insert(1, string.Join("  ", widths.Select(width => new string('-', width))));
        lines.Add(SummaryText.Totals(rows));
        return lines;
    }
}
