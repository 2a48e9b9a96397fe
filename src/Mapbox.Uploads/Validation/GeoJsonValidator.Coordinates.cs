using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mapbox.Uploads.Validation;

internal sealed partial class GeoJsonValidator
{
    private readonly int[] _coordinateCounts = new int[GeoJsonGeometryRules.MaxPositionDepth + 1];
    private int _coordinateDepth;
    private int _positionDepth;
    private GeoJsonType _coordinatesType;

    private void BeginCoordinates(ref Frame frame, long offset)
    {
        _coordinatesType = frame.Type;
        _positionDepth = GeoJsonGeometryRules.PositionDepth(frame.Type);
        frame.CoordinatesBeforeType = frame.Type == GeoJsonType.None;
        frame.ShortLinePositions = 0;
        frame.ShortRingPositions = 0;
        _coordinateDepth = 1;
        _coordinateCounts[1] = 0;
        PushMark(offset);
    }

    private bool OnCoordinateToken(ref Utf8JsonReader reader)
    {
        var depth = _coordinateDepth;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                var index = _coordinateCounts[depth];
                if (depth != _positionDepth)
                {
                    if (_positionDepth != 0 || index != 0)
                    {
                        return Fail(ref reader, "Expected an array here, found a number: " + GeoJsonGeometryRules.ShapeOf(_coordinatesType) + ".");
                    }

                    _positionDepth = depth;
                }

                _coordinateCounts[depth] = index + 1;
                return index switch
                {
                    0 => CheckRange(ref reader, GeoJsonGeometryRules.MaxLongitude, "Longitude"),
                    1 => CheckRange(ref reader, GeoJsonGeometryRules.MaxLatitude, "Latitude"),
                    // RFC 7946 only discourages values past altitude (e.g. a measure); readers ignore them.
                    _ => true,
                };

            case JsonTokenType.StartArray:
                if (depth == _positionDepth)
                {
                    return Fail(ref reader, "A position holds numbers only, but this is an array: " + GeoJsonGeometryRules.ShapeOf(_coordinatesType) + ".");
                }

                if (depth == GeoJsonGeometryRules.MaxPositionDepth)
                {
                    return Fail(ref reader, "Coordinates nest deeper than any geometry: a MultiPolygon's positions sit 4 arrays deep.");
                }

                _coordinateCounts[depth]++;
                _coordinateDepth = depth + 1;
                _coordinateCounts[depth + 1] = 0;
                PushMark(TokenOffset(ref reader));
                return true;

            case JsonTokenType.EndArray:
                return EndCoordinateArray(depth);

            default:
                return Fail(ref reader, "Coordinates hold only arrays and numbers, but this is " + Describe(reader.TokenType) + ".");
        }
    }

    private bool EndCoordinateArray(int depth)
    {
        var count = _coordinateCounts[depth];
        ref var frame = ref _frames[_frameCount - 1];
        if (depth == _positionDepth)
        {
            if (count < 2)
            {
                return FailAt(MarkLocation(_markCount - 1), "A position needs at least a longitude and a latitude, [longitude, latitude], but this one has " +
                    count.ToString(CultureInfo.InvariantCulture) + " number" + (count == 1 ? "." : "s."));
            }
        }
        else if (count == 0)
        {
            if (depth > 1)
            {
                return FailAt(MarkLocation(_markCount - 1), "This array inside the coordinates is empty. Remove it, or give the feature \"geometry\": null if it has no shape.");
            }
        }
        else if (depth == _positionDepth - 1)
        {
            if (_coordinatesType != GeoJsonType.None)
            {
                if (count < GeoJsonGeometryRules.MinPositionsPerLine(_coordinatesType))
                {
                    return FailAt(MarkLocation(_markCount - 1), GeoJsonGeometryRules.ShortLineMessage(_coordinatesType, count));
                }
            }
            else if (count < 4)
            {
                if (frame.ShortRingPositions == 0)
                {
                    frame.ShortRingPositions = count;
                    frame.ShortRingLocation = MarkLocation(_markCount - 1);
                }

                if (count < 2 && frame.ShortLinePositions == 0)
                {
                    frame.ShortLinePositions = count;
                    frame.ShortLineLocation = MarkLocation(_markCount - 1);
                }
            }
        }

        if (depth == 1 && frame.CoordinatesBeforeType)
        {
            frame.CoordinatesLocation = MarkLocation(_markCount - 1);
            frame.CoordinatesPositionDepth = _positionDepth;
        }

        PopMark();
        _coordinateDepth = depth - 1;
        return true;
    }

    private bool CheckRange(ref Utf8JsonReader reader, int limit, string axis)
    {
        var verdict = GeoJsonGeometryRules.CompareToRange(reader.ValueSpan, limit);
        if (verdict < 0)
        {
            verdict = reader.TryGetDouble(out var value) && value >= -limit && value <= limit ? 1 : 0;
        }

        if (verdict > 0)
        {
            return true;
        }

        var text = Shorten(Encoding.UTF8.GetString(reader.ValueSpan.ToArray()));
        return Fail(ref reader, string.Format(CultureInfo.InvariantCulture,
            "{0} {1} is outside -{2}..{2}. GeoJSON positions are [longitude, latitude] in WGS84 decimal degrees (RFC 7946): swap the values if they are in latitude, longitude order, or reproject the data to EPSG:4326 (e.g. ogr2ogr -t_srs EPSG:4326 out.geojson in.geojson).",
            axis, text, limit));
    }
}
