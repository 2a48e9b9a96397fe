namespace Mapbox.Uploads.Validation;

internal sealed partial class GeoJsonValidator
{
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
