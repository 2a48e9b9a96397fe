using System;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// Turns byte offsets of a UTF-8 stream into 1-based line and column by counting the bytes it is
/// moved over, once each, so a position can be found without keeping earlier text. Offsets must not go backwards.
/// Columns count UTF-16 code units, as editors and MSBuild do: a character outside the BMP counts two.
/// </summary>
internal sealed class TextPositionTracker
{
    private long _cursor;
    private long _lineStart;
    private long _charsBeforeCursorOnLine;

    public TextPositionTracker(long start)
    {
        _cursor = start;
        _lineStart = start;
    }

    public long Cursor => _cursor;

    public int Line { get; private set; } = 1;

    public int Column => ClampToInt(_charsBeforeCursorOnLine + 1);

    /// <summary>Moves over <paramref name="bytes"/>, which must start at <see cref="Cursor"/>.</summary>
    public void Advance(ReadOnlySpan<byte> bytes)
    {
        var lastNewline = bytes.LastIndexOf((byte)'\n');
        if (lastNewline < 0)
        {
            _charsBeforeCursorOnLine += CountChars(bytes);
        }
        else
        {
            Line = ClampToInt(Line + (long)CountNewlines(bytes.Slice(0, lastNewline + 1)));
            _lineStart = _cursor + lastNewline + 1;
            _charsBeforeCursorOnLine = CountChars(bytes.Slice(lastNewline + 1));
        }

        _cursor += bytes.Length;
    }

    /// <summary>Moves to <paramref name="target"/>, reading the bytes from a window that starts at <paramref name="windowStart"/>.</summary>
    public void AdvanceTo(ReadOnlySpan<byte> window, long windowStart, long target)
    {
        if (target <= _cursor)
        {
            return;
        }

        var from = (int)(_cursor - windowStart);
        var to = (int)Math.Min(target - windowStart, window.Length);
        if (from >= 0 && to > from)
        {
            Advance(window.Slice(from, to - from));
        }
    }

    /// <summary>Moves to byte <paramref name="byteInLine"/> of 1-based line <paramref name="line"/>, as far as the window reaches.</summary>
    public void AdvanceToLine(ReadOnlySpan<byte> window, long windowStart, int line, long byteInLine)
    {
        while (Line < line)
        {
            var from = (int)(_cursor - windowStart);
            if (from < 0 || from >= window.Length)
            {
                return;
            }

            var newline = window.Slice(from).IndexOf((byte)'\n');
            if (newline < 0)
            {
                return;
            }

            Advance(window.Slice(from, newline + 1));
        }

        AdvanceTo(window, windowStart, _lineStart + byteInLine);
    }

    private static int CountNewlines(ReadOnlySpan<byte> bytes)
    {
#if NET8_0_OR_GREATER
        return bytes.Count((byte)'\n');
#else
        var count = 0;
        int next;
        while ((next = bytes.IndexOf((byte)'\n')) >= 0)
        {
            count++;
            bytes = bytes.Slice(next + 1);
        }

        return count;
#endif
    }

    // Every UTF-8 byte but a 10xxxxxx continuation starts a character; a 4-byte one (11110xxx) is a surrogate pair.
    private static int CountChars(ReadOnlySpan<byte> bytes)
    {
#if NET8_0_OR_GREATER
        var firstContinuation = bytes.IndexOfAnyInRange((byte)0x80, (byte)0xBF);
        if (firstContinuation < 0)
        {
            return bytes.Length;
        }

        var chars = firstContinuation;
        bytes = bytes.Slice(firstContinuation);
#else
        var chars = 0;
#endif
        foreach (var b in bytes)
        {
            if ((b & 0xC0) != 0x80)
            {
                chars += b >= 0xF0 ? 2 : 1;
            }
        }

        return chars;
    }

    private static int ClampToInt(long value) => value > int.MaxValue ? int.MaxValue : (int)value;
}
