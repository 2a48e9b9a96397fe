using System;
using System.Text.Json;

namespace Mapbox.Uploads.Validation;

internal sealed partial class GeoJsonValidator
{
    private readonly Frame[] _frames = new Frame[MaxDepth + 1];
    private int _frameCount;
    private bool _skipping;
    private int _skipDepth;

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
        if (reader.ValueTextEquals(TypeName))
        {
            return Member.Type;
        }

        if (reader.ValueTextEquals(CoordinatesName))
        {
            return Member.Coordinates;
        }

        if (reader.ValueTextEquals(GeometryName))
        {
            return Member.Geometry;
        }

        if (reader.ValueTextEquals(PropertiesName))
        {
            return Member.Properties;
        }

        if (reader.ValueTextEquals(FeaturesName))
        {
            return Member.Features;
        }

        if (reader.ValueTextEquals(GeometriesName))
        {
            return Member.Geometries;
        }

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

        if (GeoJsonGeometryRules.IsGeometry(type))
        {
            _geometryCount++;
        }
        else if (type == GeoJsonType.Feature)
        {
            _featureCount++;
        }

        if (frame.Context == Context.Root)
        {
            _rootType = type;
        }

        frame.Type = type;
        return true;
    }

    private void PushGeoObject(Context context, long offset)
    {
        PushMark(offset);
        _frames[_frameCount++] = new Frame { Kind = FrameKind.GeoObject, Context = context, Mark = _markCount - 1 };
    }

    private void PushArray(FrameKind kind) => _frames[_frameCount++] = new Frame { Kind = kind, Mark = -1 };
}
