using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Mapbox.Uploads.Build.Summary;

/// <summary>
/// The summary as Markdown for a CI job summary: the totals, then a table whose tileset cells link to Mapbox
/// Studio. Rows that would take it past its byte budget are left out and a closing note says how many.
/// </summary>
internal static class MarkdownSummary
{
    public const string Heading = "### Mapbox uploads";

    /// <summary>The Markdown in at most <paramref name="maxBytes"/> UTF-8 bytes; empty when not even the totals fit.</summary>
    public static string Render(IReadOnlyList<ISummaryRow> rows, long maxBytes)
    {
        var head = new StringBuilder()
            .Append(Heading).Append('\n').Append('\n')
            .Append(SummaryText.Totals(rows)).Append('\n').Append('\n')
            .Append("| ").Append(string.Join(" | ", SummaryText.Headers)).Append(" |\n")
            .Append('|').Append(string.Concat(SummaryText.Headers.Select(_ => "---|"))).Append('\n')
            .ToString();
        var lines = rows.Select(Line).ToList();
        var budget = maxBytes - Bytes(head) - Bytes(Note(rows.Count));
        if (budget < 0)
        {
            return string.Empty;
        }

        var shown = 0;
        for (; shown < lines.Count && Bytes(lines[shown]) <= budget; shown++)
        {
            budget -= Bytes(lines[shown]);
        }

        var text = new StringBuilder(head);
        lines.Take(shown).ToList().ForEach(line => text.Append(line));
        return (shown < rows.Count ? text.Append(Note(rows.Count - shown)) : text).ToString();
    }

    public static string StudioUrl(string tileset) => "https://studio.mapbox.com/tilesets/" + tileset + "/";

    private static string Line(ISummaryRow row)
    {
        var cells = SummaryText.Cells(row).Select(Escape).ToArray();
        if (!row.IsTilesetSource)
        {
            cells[0] = "[" + cells[0] + "](" + StudioUrl(row.Tileset) + ")";
        }

        return "| " + string.Join(" | ", cells) + " |\n";
    }

    private static string Note(int left) => string.Format(
        CultureInfo.InvariantCulture,
        "\n{0} more tileset{1} not listed: a job summary holds at most 1 MiB. The build log lists every one.\n",
        left, left == 1 ? " is" : "s are");

    private static string Escape(string cell) => cell.Replace("\\", "\\\\").Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");

    private static long Bytes(string text) => Encoding.UTF8.GetByteCount(text);
}
