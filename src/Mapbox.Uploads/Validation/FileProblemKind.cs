namespace Mapbox.Uploads.Validation;

/// <summary>What is wrong with a file that pre-flight validation refused.</summary>
public enum FileProblemKind
{
    /// <summary>No file exists at the path, or the path is a link whose target does not exist.</summary>
    Missing,

    /// <summary>The path names a directory.</summary>
    IsDirectory,

    /// <summary>The file is empty.</summary>
    Empty,

    /// <summary>The file could not be opened or read (permissions, locks, I/O errors).</summary>
    Unreadable,

    /// <summary>Mapbox does not accept files with this extension.</summary>
    UnsupportedExtension,

    /// <summary>The file is larger than Mapbox accepts for its type.</summary>
    TooLarge,

    /// <summary>The content is a different format than the extension says (e.g. a zip named .geojson).</summary>
    ContentMismatch,

    /// <summary>Not valid GeoJSON: syntax, structure, geometry or coordinates out of WGS84 range.</summary>
    InvalidGeoJson,

    /// <summary>Not a CSV Mapbox can read: no latitude/longitude columns, bad rows or cells.</summary>
    InvalidCsv,

    /// <summary>The zip does not hold exactly one complete Shapefile (.shp, .shx, .dbf, .prj).</summary>
    InvalidShapefile,

    /// <summary>Not well-formed KML, no layers, or too many layers.</summary>
    InvalidKml,

    /// <summary>Not well-formed GPX or bad coordinates.</summary>
    InvalidGpx,

    /// <summary>Not an intact SQLite database.</summary>
    InvalidMBTiles,

    /// <summary>Not a TIFF, not 8 bits per sample, or not georeferenced.</summary>
    InvalidGeoTiff,
}
