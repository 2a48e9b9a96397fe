namespace Mapbox.Uploads.Validation;

/// <summary>The values of a GeoJSON object's <c>type</c> member (RFC 7946).</summary>
internal enum GeoJsonType : byte
{
    None,
    FeatureCollection,
    Feature,
    Point,
    MultiPoint,
    LineString,
    MultiLineString,
    Polygon,
    MultiPolygon,
    GeometryCollection,
}
