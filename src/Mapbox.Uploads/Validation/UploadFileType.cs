namespace Mapbox.Uploads.Validation;

/// <summary>The kinds of file the Mapbox Uploads API accepts.</summary>
public enum UploadFileType
{
    /// <summary>GeoJSON (<c>.geojson</c>, <c>.json</c>) with WGS84 coordinates.</summary>
    GeoJson,

    /// <summary>CSV (<c>.csv</c>) with latitude and longitude columns.</summary>
    Csv,

    /// <summary>GPS Exchange Format (<c>.gpx</c>).</summary>
    Gpx,

    /// <summary>Keyhole Markup Language (<c>.kml</c>), at most 15 layers.</summary>
    Kml,

    /// <summary>A zipped Shapefile (<c>.zip</c> holding .shp, .shx, .dbf and .prj).</summary>
    Shapefile,

    /// <summary>An MBTiles SQLite database (<c>.mbtiles</c>).</summary>
    MBTiles,

    /// <summary>An 8-bit, georeferenced GeoTIFF (<c>.tif</c>, <c>.tiff</c>).</summary>
    GeoTiff,
}
