using System.Text.Json;

namespace Mapbox.Uploads.Validation;

internal sealed partial class GeoJsonValidator
{
    private readonly long[] _markOffsets = new long[MaxDepth + 1];
    private readonly Location[] _markLocations = new Location[MaxDepth + 1];
    private TextPositionTracker _tracker = new(0);
    private int _markCount;
    private int _resolvedMarks;

    private void PushMark(long offset) => _markOffsets[_markCount++] = offset;

    private void PopMark()
    {
        _markCount--;
        if (_resolvedMarks > _markCount)
        {
            _resolvedMarks = _markCount;
        }
    }

    /// <summary>Turns the open marks' offsets before <paramref name="offset"/> into locations, in order, while their bytes are in the buffer.</summary>
    private void ResolveMarksBefore(long offset)
    {
        while (_resolvedMarks < _markCount && _markOffsets[_resolvedMarks] < offset)
        {
            _tracker.AdvanceTo(Window, _bufferStart, _markOffsets[_resolvedMarks]);
            _markLocations[_resolvedMarks] = new Location(_tracker.Line, _tracker.Column);
            _resolvedMarks++;
        }
    }

    private Location MarkLocation(int mark)
    {
        ResolveMarksBefore(_markOffsets[mark] + 1);
        return _markLocations[mark];
    }

    private long TokenOffset(ref Utf8JsonReader reader) => _bufferStart + reader.TokenStartIndex;

    private readonly struct Location
    {
        public Location(int line, int column)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }

        public int Column { get; }
    }
}
