using System;

namespace Mapbox.Uploads.Testing;

/// <summary>
/// Test text with one <c>@@</c> marker where the validator must report the problem; the marker is removed and
/// its 1-based line and column (in UTF-16 code units, a leading BOM not counted) are computed independently of the code under test.
/// </summary>
public sealed class MarkedText
{
    private const string Marker = "@@";

    private MarkedText(string text, int line, int column)
    {
        Text = text;
        Line = line;
        Column = column;
    }

    public string Text { get; }

    public int Line { get; }

    public int Column { get; }

    public static MarkedText Parse(string marked)
    {
        var at = marked.IndexOf(Marker, StringComparison.Ordinal);
        if (at < 0 || marked.IndexOf(Marker, at + 1, StringComparison.Ordinal) >= 0)
        {
            throw new ArgumentException("Mark exactly one location with @@.", nameof(marked));
        }

        var before = marked.Substring(0, at);
        var lastNewline = before.LastIndexOf('\n');
        var line = 1;
        foreach (var c in before)
        {
            if (c == '\n')
            {
                line++;
            }
        }

        var column = before.Length - lastNewline;
        if (line == 1 && before.StartsWith("\uFEFF", StringComparison.Ordinal))
        {
            column--;
        }

        return new MarkedText(marked.Remove(at, Marker.Length), line, column);
    }
}
