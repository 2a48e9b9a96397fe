using System;
using System.Globalization;
using System.Text.Json;

namespace Mapbox.Uploads.Validation;

/// <summary>What RFC 7946 requires of each geometry's coordinates, and the messages that explain it.</summary>
internal static class GeoJsonGeometryRules
{
    public const int MaxPositionDepth = 4;
    public const int MaxLongitude = 180;
    public const int MaxLatitude = 90;

    private static ReadOnlySpan<byte> FeatureCollectionName => "FeatureCollection"u8;
    private static ReadOnlySpan<byte> FeatureName => "Feature"u8;
    private static ReadOnlySpan<byte> PointName => "Point"u8;
    private static ReadOnlySpan<byte> MultiPointName => "MultiPoint"u8;
    private static ReadOnlySpan<byte> LineStringName => "LineString"u8;
    private static ReadOnlySpan<byte> MultiLineStringName => "MultiLineString"u8;
    private static ReadOnlySpan<byte> PolygonName => "Polygon"u8;
    private static ReadOnlySpan<byte> MultiPolygonName => "MultiPolygon"u8;
    private static ReadOnlySpan<byte> GeometryCollectionName => "GeometryCollection"u8;

    public static GeoJsonType ParseType(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals(FeatureName))
        {
            return GeoJsonType.Feature;
        }

        if (reader.ValueTextEquals(PointName))
        {
            return GeoJsonType.Point;
        }

        if (reader.ValueTextEquals(PolygonName))
        {
            return GeoJsonType.Polygon;
        }

        if (reader.ValueTextEquals(LineStringName))
        {
            return GeoJsonType.LineString;
        }

        if (reader.ValueTextEquals(MultiPolygonName))
        {
            return GeoJsonType.MultiPolygon;
        }

        if (reader.ValueTextEquals(MultiLineStringName))
        {
            return GeoJsonType.MultiLineString;
        }

        if (reader.ValueTextEquals(MultiPointName))
        {
            return GeoJsonType.MultiPoint;
        }

        if (reader.ValueTextEquals(GeometryCollectionName))
        {
            return GeoJsonType.GeometryCollection;
        }

        if (reader.ValueTextEquals(FeatureCollectionName))
        {
            return GeoJsonType.FeatureCollection;
        }

        return GeoJsonType.None;
    }

    public static bool IsGeometry(GeoJsonType type) => type >= GeoJsonType.Point;

    public static bool HasCoordinates(GeoJsonType type) => type >= GeoJsonType.Point && type <= GeoJsonType.MultiPolygon;

    /// <summary>How many arrays deep a position sits: a Point's coordinates are the position itself.</summary>
    public static int PositionDepth(GeoJsonType type) => type switch
    {
        GeoJsonType.Point => 1,
        GeoJsonType.MultiPoint or GeoJsonType.LineString => 2,
        GeoJsonType.MultiLineString or GeoJsonType.Polygon => 3,
        GeoJsonType.MultiPolygon => 4,
        _ => 0,
    };

    /// <summary>The fewest positions in each array of positions: 2 for a line, 4 for a closed linear ring.</summary>
    public static int MinPositionsPerLine(GeoJsonType type) => type switch
    {
        GeoJsonType.LineString or GeoJsonType.MultiLineString => 2,
        GeoJsonType.Polygon or GeoJsonType.MultiPolygon => 4,
        _ => 0,
    };

    public static string ShapeOf(GeoJsonType type) => type switch
    {
        GeoJsonType.Point => "a Point's coordinates are one position, [longitude, latitude]",
        GeoJsonType.MultiPoint => "a MultiPoint's coordinates are an array of positions, [[longitude, latitude], ...]",
        GeoJsonType.LineString => "a LineString's coordinates are an array of at least 2 positions, [[longitude, latitude], ...]",
        GeoJsonType.MultiLineString => "a MultiLineString's coordinates are an array of lines, each an array of positions",
        GeoJsonType.Polygon => "a Polygon's coordinates are an array of linear rings, each an array of at least 4 positions",
        GeoJsonType.MultiPolygon => "a MultiPolygon's coordinates are an array of polygons, each an array of linear rings of positions",
        _ => "every position must sit at the same depth",
    };

    public static string ShortLineMessage(GeoJsonType type, int positions) => MinPositionsPerLine(type) == 4
        ? string.Format(CultureInfo.InvariantCulture,
            "This {0} ring has {1} position{2}; a linear ring needs at least 4, the last repeating the first. Close the ring, or drop the degenerate polygon.",
            type, positions, positions == 1 ? string.Empty : "s")
        : string.Format(CultureInfo.InvariantCulture,
            "This {0} line has {1} position; a line needs at least 2. Add the missing position, or drop the degenerate line.",
            type, positions);

    /// <summary>
    /// Decides from a JSON number's text whether it lies in [-limit, limit] without parsing a double: 1 inside,
    /// 0 outside, -1 undecided (exponent notation). JSON forbids leading zeros, so more than 3 integer digits is out.
    /// </summary>
    public static int CompareToRange(ReadOnlySpan<byte> number, int limit)
    {
        var i = number.Length > 0 && number[0] == (byte)'-' ? 1 : 0;
        var start = i;
        var whole = 0;
        while (i < number.Length)
        {
            var digit = (uint)(number[i] - '0');
            if (digit > 9)
            {
                break;
            }

            whole = (whole * 10) + (int)digit;
            if (++i - start > 3)
            {
                return 0;
            }
        }

        var fractionIsZero = true;
        if (i < number.Length && number[i] == (byte)'.')
        {
            i++;
            while (i < number.Length)
            {
                var digit = (uint)(number[i] - '0');
                if (digit > 9)
                {
                    break;
                }

                fractionIsZero &= digit == 0;
                i++;
            }
        }

        if (i < number.Length)
        {
            return -1;
        }

        return whole < limit || (whole == limit && fractionIsZero) ? 1 : 0;
    }
}
