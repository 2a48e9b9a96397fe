using System.Collections.Generic;

namespace Mapbox.Uploads.Emulator;

/// <summary>The error strings an upload status can carry, as the service's troubleshooting page lists them.</summary>
public static class UploadErrors
{
    /// <summary>A zip without a shapefile.</summary>
    public const string NoShapefileInZip = "Failed to find a shapefile in your zip";

    /// <summary>MBTiles metadata with a malformed <c>vector_layers</c>.</summary>
    public const string VectorLayersNotArray = "vector_layers must be an array of layer objects";

    /// <summary>MBTiles metadata over 60 KB.</summary>
    public const string MetadataTooLarge = "Metadata exceeds limit of 60kb";

    /// <summary>A KML file without layers.</summary>
    public const string KmlWithoutLayers = "KML does not contain any layers.";

    /// <summary>A tileset that needs more processing than an account may use.</summary>
    public const string ProcessingLimitExceeded = "Tileset exceeds processing limit.";

    /// <summary>GeoJSON (or JSON) that does not parse.</summary>
    public const string GeoJsonParseFailed = "Failed to parse geojson feature";

    /// <summary>GeoJSON the data source refuses.</summary>
    public const string InvalidGeoJsonDatasource = "Error creating Mapnik Datasource: Invalid geojson";

    /// <summary>Coordinates outside web mercator.</summary>
    public const string CoordinatesOutOfRange = "Coordinates beyond web mercator range. Please check projection and lat/lon values.";

    /// <summary>Content of no supported type.</summary>
    public const string UnknownFiletype = "Unknown filetype";

    /// <summary>A vector tile larger than 5 MB.</summary>
    public const string VectorTileTooLarge = "Tile size exceeds limit. At least one vector tile is larger than 5MB.";

    /// <summary>Processing that took more than its hour (two for MBTiles).</summary>
    public const string ProcessingTimedOut = "Processing timed out.";

    /// <summary>Every string above, in the order the troubleshooting page gives them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        NoShapefileInZip, VectorLayersNotArray, MetadataTooLarge, KmlWithoutLayers, ProcessingLimitExceeded,
        GeoJsonParseFailed, InvalidGeoJsonDatasource, CoordinatesOutOfRange, UnknownFiletype, VectorTileTooLarge,
        ProcessingTimedOut,
    ];
}
