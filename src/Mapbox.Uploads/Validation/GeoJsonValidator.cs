using System;
using System.Buffers;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// Streams a GeoJSON file through <see cref="Utf8JsonReader"/> over one pooled buffer and checks its structure
/// (FeatureCollection, Feature or geometry at the root), geometry shapes and WGS84 coordinate ranges, stopping at
/// the first problem. Memory stays bounded by the buffer, which grows only to hold the largest single token.
/// </summary>
/// <remarks>
/// JSON does not order members, so "coordinates" may come before "type": the shape of such coordinates is
/// summarized while streaming and judged when the object closes. Locations are kept only for the open objects
/// and coordinate arrays, and turned into line and column before their bytes leave the buffer.
/// </remarks>
internal sealed class GeoJsonValidator
{
    internal const int DefaultBufferSize = 1024 * 1024;
    private const int MaxDepth = 256;

    private readonly Frame[] _frames = new Frame[MaxDepth + 1];
    private readonly long[] _markOffsets = new long[MaxDepth + 1];
    private readonly Location[] _markLocations = new Location[MaxDepth + 1];
    private readonly int[] _coordinateCounts = new int[GeoJsonGeometryRules.MaxPositionDepth + 1];
    private byte[] _buffer;
    private int _dataLength;
    private long _bufferStart;
    private TextPositionTracker _tracker = new(0);
    private int _frameCount;
    private int _markCount;
    private int _resolvedMarks;
    private bool _skipping;
    private int _skipDepth;
    private int _coordinateDepth;
    private int _positionDepth;
    private GeoJsonType _coordinatesType;
    private FileProblem? _problem;

    private GeoJsonValidator(int bufferSize)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    private enum FrameKind : byte
    {
        GeoObject,
        FeaturesArray,
        GeometriesArray,
    }

    private enum Context : byte
    {
        Root,
        Feature,
        Geometry,
    }

    private enum Member : byte
    {
        Other,
        Type,
        Features,
        Geometry,
        Coordinates,
        Geometries,
        Properties,
    }

    private static ReadOnlySpan<byte> TypeName => "type"u8;
    private static ReadOnlySpan<byte> CoordinatesName => "coordinates"u8;
    private static ReadOnlySpan<byte> GeometryName => "geometry"u8;
    private static ReadOnlySpan<byte> PropertiesName => "properties"u8;
    private static ReadOnlySpan<byte> FeaturesName => "features"u8;
    private static ReadOnlySpan<byte> GeometriesName => "geometries"u8;

    private ReadOnlySpan<byte> Window => _buffer.AsSpan(0, _dataLength);

    public static FileProblem? Validate(Stream stream, CancellationToken cancellationToken, int bufferSize = DefaultBufferSize)
    {
        var validator = new GeoJsonValidator(bufferSize);
        try
        {
            return validator.Run(stream, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(validator._buffer);
        }
    }

    private FileProblem? Run(Stream stream, CancellationToken cancellationToken)
    {
        var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = MaxDepth });
        var isFinalBlock = false;
        var first = true;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            isFinalBlock = Fill(stream);
            if (first)
            {
                first = false;
                SkipUtf8Bom();
            }

            var reader = new Utf8JsonReader(Window, isFinalBlock, state);
            try
            {
                Walk(ref reader);
            }
            catch (JsonException exception)
            {
                return SyntaxProblem(exception);
            }

            if (_problem is not null || isFinalBlock)
            {
                return _problem;
            }

            state = reader.CurrentState;
            Discard((int)reader.BytesConsumed);
        }
    }

    private bool Fill(Stream stream)
    {
        while (_dataLength < _buffer.Length)
        {
            var read = stream.Read(_buffer, _dataLength, _buffer.Length - _dataLength);
            if (read == 0)
            {
                return true;
            }

            _dataLength += read;
        }

        return false;
    }

    private void SkipUtf8Bom()
    {
        if (_dataLength >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
        {
            Discard(3);
            _tracker = new TextPositionTracker(_bufferStart);
        }
    }

    private void Discard(int consumed)
    {
        var consumedEnd = _bufferStart + consumed;
        ResolveMarksBefore(consumedEnd);
        _tracker.AdvanceTo(Window, _bufferStart, consumedEnd);

        var leftover = _dataLength - consumed;
        if (leftover == _buffer.Length)
        {
            // One token fills the whole buffer: grow so the reader can see it end.
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, leftover);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else if (consumed > 0)
        {
            Buffer.BlockCopy(_buffer, consumed, _buffer, 0, leftover);
        }

        _bufferStart = consumedEnd;
        _dataLength = leftover;
    }

    private void Walk(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
            bool ok;
            if (_coordinateDepth > 0)
            {
                ok = OnCoordinateToken(ref reader);
            }
            else if (_skipping)
            {
                if ((reader.TokenType == JsonTokenType.EndObject || reader.TokenType == JsonTokenType.EndArray) && reader.CurrentDepth == _skipDepth)
                {
                    _skipping = false;
                }

                ok = true;
            }
            else
            {
                ok = OnStructureToken(ref reader);
            }

            if (!ok)
            {
                return;
            }
        }
    }

    private bool OnStructureToken(ref Utf8JsonReader reader)
    {
        var token = reader.TokenType;
        if (_frameCount == 0)
        {
            if (token == JsonTokenType.StartObject)
            {
                PushGeoObject(Context.Root, TokenOffset(ref reader));
                return true;
            }

            return Fail(ref reader, "The root of a GeoJSON file must be an object: a FeatureCollection, a Feature or a geometry.");
        }

        ref var frame = ref _frames[_frameCount - 1];
        if (frame.Kind != FrameKind.GeoObject)
        {
            if (token == JsonTokenType.EndArray)
            {
                _frameCount--;
                return true;
            }

            if (token == JsonTokenType.StartObject)
            {
                PushGeoObject(frame.Kind == FrameKind.FeaturesArray ? Context.Feature : Context.Geometry, TokenOffset(ref reader));
                return true;
            }

            return Fail(ref reader, frame.Kind == FrameKind.FeaturesArray
                ? "\"features\" must hold Feature objects, but this is " + Describe(token) + "."
                : "\"geometries\" must hold geometry objects, but this is " + Describe(token) + ".");
        }

        if (token == JsonTokenType.PropertyName)
        {
            frame.Pending = ClassifyMember(ref reader);
            return true;
        }

        if (token == JsonTokenType.EndObject)
        {
            return FinishGeoObject(ref frame);
        }

        var member = frame.Pending;
        frame.Pending = Member.Other;
        return OnMemberValue(ref reader, ref frame, member);
    }

    private static Member ClassifyMember(ref Utf8JsonReader reader)
    {
        if (reader.ValueTextEquals(TypeName)) return Member.Type;
        if (reader.ValueTextEquals(CoordinatesName)) return Member.Coordinates;
        if (reader.ValueTextEquals(GeometryName)) return Member.Geometry;
        if (reader.ValueTextEquals(PropertiesName)) return Member.Properties;
        if (reader.ValueTextEquals(FeaturesName)) return Member.Features;
        if (reader.ValueTextEquals(GeometriesName)) return Member.Geometries;
        return Member.Other;
    }

    private bool OnMemberValue(ref Utf8JsonReader reader, ref Frame frame, Member member)
    {
        var token = reader.TokenType;
        var typeUnknown = frame.Type == GeoJsonType.None;
        switch (member)
        {
            case Member.Type:
                return OnType(ref reader, ref frame);

            case Member.Features when frame.Type == GeoJsonType.FeatureCollection || (typeUnknown && frame.Context == Context.Root):
                if (token != JsonTokenType.StartArray)
                {
                    return Fail(ref reader, "\"features\" must be an array of Feature objects, but this is " + Describe(token) + ".");
                }

                frame.HasFeatures = true;
                PushArray(FrameKind.FeaturesArray);
                return true;

            case Member.Geometry when frame.Type == GeoJsonType.Feature || (typeUnknown && frame.Context != Context.Geometry):
                frame.HasGeometry = true;
                if (token == JsonTokenType.Null)
                {
                    return true;
                }

                if (token != JsonTokenType.StartObject)
                {
                    return Fail(ref reader, "A Feature's \"geometry\" must be a geometry object or null, but this is " + Describe(token) + ".");
                }

                PushGeoObject(Context.Geometry, TokenOffset(ref reader));
                return true;

            case Member.Coordinates when GeoJsonGeometryRules.HasCoordinates(frame.Type) || (typeUnknown && frame.Context != Context.Feature):
                if (token != JsonTokenType.StartArray)
                {
                    return Fail(ref reader, "\"coordinates\" must be an array, but this is " + Describe(token) + ". " + Capitalize(GeoJsonGeometryRules.ShapeOf(frame.Type)) + ".");
                }

                frame.HasCoordinates = true;
                BeginCoordinates(ref frame, TokenOffset(ref reader));
                return true;

            case Member.Geometries when frame.Type == GeoJsonType.GeometryCollection || (typeUnknown && frame.Context != Context.Feature):
                if (token != JsonTokenType.StartArray)
                {
                    return Fail(ref reader, "A GeometryCollection's \"geometries\" must be an array of geometries, but this is " + Describe(token) + ".");
                }

                frame.HasGeometries = true;
                PushArray(FrameKind.GeometriesArray);
                return true;

            case Member.Properties when frame.Type == GeoJsonType.Feature || (typeUnknown && frame.Context == Context.Feature):
                if (token != JsonTokenType.StartObject && token != JsonTokenType.Null)
                {
                    return Fail(ref reader, "A Feature's \"properties\" must be an object or null, but this is " + Describe(token) + ". Put the values in an object: \"properties\": {\"name\": ...}.");
                }

                break;
        }

        if (token == JsonTokenType.StartObject || token == JsonTokenType.StartArray)
        {
            _skipping = true;
            _skipDepth = reader.CurrentDepth;
        }

        return true;
    }

    private bool OnType(ref Utf8JsonReader reader, ref Frame frame)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return Fail(ref reader, "\"type\" must be a string such as \"Feature\", but this is " + Describe(reader.TokenType) + ".");
        }

        var type = GeoJsonGeometryRules.ParseType(ref reader);
        if (type == GeoJsonType.None)
        {
            return Fail(ref reader, "Unknown GeoJSON type \"" + Shorten(reader.GetString() ?? string.Empty) +
                "\". Use one of FeatureCollection, Feature, Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection (case matters).");
        }

        if (frame.Context == Context.Feature && type != GeoJsonType.Feature)
        {
            return Fail(ref reader, "\"features\" must hold Feature objects, but this one is a " + type +
                ". Wrap it as {\"type\": \"Feature\", \"geometry\": ..., \"properties\": {}}.");
        }

        if (frame.Context == Context.Geometry && !GeoJsonGeometryRules.IsGeometry(type))
        {
            return Fail(ref reader, "A geometry must be a Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon or GeometryCollection, not a " + type + ".");
        }

        frame.Type = type;
        return true;
    }

    private bool FinishGeoObject(ref Frame frame)
    {
        var type = frame.Type;
        string? message = null;
        Location? at = null;
        if (type == GeoJsonType.None)
        {
            message = frame.Context switch
            {
                Context.Feature => "This Feature has no \"type\". Add \"type\": \"Feature\".",
                Context.Geometry => "This geometry has no \"type\". Add one, e.g. \"type\": \"Polygon\".",
                _ => "The root object has no \"type\". Add \"type\": \"FeatureCollection\" (or Feature, or a geometry type).",
            };
        }
        else if (type == GeoJsonType.FeatureCollection && !frame.HasFeatures)
        {
            message = "This FeatureCollection has no \"features\" array. Add \"features\": [...], even if empty.";
        }
        else if (type == GeoJsonType.Feature && !frame.HasGeometry)
        {
            message = "This Feature has no \"geometry\" member. Add the geometry, or \"geometry\": null for a feature without one.";
        }
        else if (type == GeoJsonType.GeometryCollection && !frame.HasGeometries)
        {
            message = "This GeometryCollection has no \"geometries\" array. Add \"geometries\": [...].";
        }
        else if (GeoJsonGeometryRules.HasCoordinates(type) && !frame.HasCoordinates)
        {
            message = "This " + type + " has no \"coordinates\". Add them: " + GeoJsonGeometryRules.ShapeOf(type) + ".";
        }
        else if (GeoJsonGeometryRules.HasCoordinates(type) && frame.CoordinatesBeforeType)
        {
            message = JudgeCoordinatesBeforeType(ref frame, out var judged);
            at = judged;
        }

        if (message is not null)
        {
            return FailAt(at ?? MarkLocation(frame.Mark), message);
        }

        _frameCount--;
        PopMark();
        return true;
    }

    private string? JudgeCoordinatesBeforeType(ref Frame frame, out Location at)
    {
        var type = frame.Type;
        at = frame.CoordinatesLocation;
        if (frame.CoordinatesPositionDepth == 0)
        {
            return type == GeoJsonType.Point ? "A Point needs one position, [longitude, latitude], but its coordinates are empty." : null;
        }

        if (frame.CoordinatesPositionDepth != GeoJsonGeometryRules.PositionDepth(type))
        {
            return "These coordinates do not have the shape of a " + type + ": " + GeoJsonGeometryRules.ShapeOf(type) + ".";
        }

        var minimum = GeoJsonGeometryRules.MinPositionsPerLine(type);
        if (minimum == 4 && frame.ShortRingPositions > 0)
        {
            at = frame.ShortRingLocation;
            return GeoJsonGeometryRules.ShortLineMessage(type, frame.ShortRingPositions);
        }

        if (minimum == 2 && frame.ShortLinePositions > 0)
        {
            at = frame.ShortLineLocation;
            return GeoJsonGeometryRules.ShortLineMessage(type, frame.ShortLinePositions);
        }

        return null;
    }

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

    private void PushGeoObject(Context context, long offset)
    {
        PushMark(offset);
        _frames[_frameCount++] = new Frame { Kind = FrameKind.GeoObject, Context = context, Mark = _markCount - 1 };
    }

    private void PushArray(FrameKind kind) => _frames[_frameCount++] = new Frame { Kind = kind, Mark = -1 };

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

    private bool Fail(ref Utf8JsonReader reader, string message)
    {
        var offset = TokenOffset(ref reader);
        ResolveMarksBefore(offset);
        _tracker.AdvanceTo(Window, _bufferStart, offset);
        return FailAt(new Location(_tracker.Line, _tracker.Column), message);
    }

    private bool FailAt(Location at, string message)
    {
        _problem = new FileProblem(FileProblemKind.InvalidGeoJson, message, at.Line, at.Column);
        return false;
    }

    private FileProblem SyntaxProblem(JsonException exception)
    {
        ResolveMarksBefore(long.MaxValue);
        var line = (int)Math.Min(int.MaxValue - 1, exception.LineNumber ?? 0) + 1;
        _tracker.AdvanceToLine(Window, _bufferStart, line, exception.BytePositionInLine ?? 0);
        var detail = exception.Message;
        var position = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (position >= 0)
        {
            detail = detail.Substring(0, position);
        }

        return new FileProblem(FileProblemKind.InvalidGeoJson,
            "The file is not valid JSON: " + detail + " Fix the syntax, or export the file again.",
            _tracker.Line, _tracker.Column);
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "unexpected JSON",
    };

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "...";

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

    private struct Frame
    {
        public FrameKind Kind;
        public Context Context;
        public GeoJsonType Type;
        public Member Pending;
        public bool HasFeatures;
        public bool HasGeometry;
        public bool HasCoordinates;
        public bool HasGeometries;
        public bool CoordinatesBeforeType;
        public int Mark;
        public int CoordinatesPositionDepth;
        public int ShortLinePositions;
        public int ShortRingPositions;
        public Location CoordinatesLocation;
        public Location ShortLineLocation;
        public Location ShortRingLocation;
    }
}
