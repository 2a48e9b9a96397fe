namespace Mapbox.Uploads.Validation;

/// <summary>What a valid GeoJSON file holds, counted by <see cref="GeoJsonValidator"/> in its one read.</summary>
internal readonly struct GeoJsonContent
{
    public GeoJsonContent(GeoJsonType rootType, long featureCount, long geometryCount)
    {
        RootType = rootType;
        FeatureCount = featureCount;
        GeometryCount = geometryCount;
    }

    /// <summary>The root object's type.</summary>
    public GeoJsonType RootType { get; }

    /// <summary>The features: a root Feature, or the members of a FeatureCollection's "features".</summary>
    public long FeatureCount { get; }

    /// <summary>The geometries, null ones not counted.</summary>
    public long GeometryCount { get; }

    /// <summary>Whether the root is one a tileset source takes: a FeatureCollection or a Feature.</summary>
    public bool HasFeatureRoot => RootType is GeoJsonType.FeatureCollection or GeoJsonType.Feature;
}
