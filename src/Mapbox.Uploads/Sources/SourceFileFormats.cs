using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Mapbox.Uploads.Sources;

/// <summary>How a file becomes a tileset source's line-delimited GeoJSON.</summary>
internal enum SourceFileFormat
{
    /// <summary>A FeatureCollection or a Feature, converted while it is sent.</summary>
    GeoJson,

    /// <summary>One Feature per line, sent as it is.</summary>
    LineDelimited,

    /// <summary>A GeoTIFF, sent as it is, for a raster or rasterarray tileset.</summary>
    GeoTiff,

    /// <summary>A NetCDF file (classic or NetCDF-4), sent as it is, for a rasterarray tileset.</summary>
    NetCdf,

    /// <summary>A GRIB file (edition 1 or 2), sent as it is, for a rasterarray tileset.</summary>
    Grib,
}

/// <summary>The one table of file extensions a tileset source accepts.</summary>
internal static class SourceFileFormats
{
    private static readonly Dictionary<string, SourceFileFormat> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".geojson"] = SourceFileFormat.GeoJson,
        [".json"] = SourceFileFormat.GeoJson,
        [".ldgeojson"] = SourceFileFormat.LineDelimited,
        [".geojsonl"] = SourceFileFormat.LineDelimited,
        [".geojsonseq"] = SourceFileFormat.LineDelimited,
        [".ndjson"] = SourceFileFormat.LineDelimited,
        [".tif"] = SourceFileFormat.GeoTiff,
        [".tiff"] = SourceFileFormat.GeoTiff,
        [".nc"] = SourceFileFormat.NetCdf,
        [".grib"] = SourceFileFormat.Grib,
        [".grib2"] = SourceFileFormat.Grib,
    };

    public static SourceFileFormat? Of(string path) =>
        ByExtension.TryGetValue(Path.GetExtension(path), out var format) ? format : null;

    /// <summary>A raster format: the file goes up byte for byte and makes a raster or rasterarray tileset.</summary>
    public static bool IsRaster(this SourceFileFormat format) => format is SourceFileFormat.GeoTiff or SourceFileFormat.NetCdf or SourceFileFormat.Grib;

    public static string UnsupportedMessage(string path) =>
        $"A tileset source takes GeoJSON ({Extensions(SourceFileFormat.GeoJson)}) or line-delimited GeoJSON " +
        $"({Extensions(SourceFileFormat.LineDelimited)}) for vector tilesets, or GeoTIFF ({Extensions(SourceFileFormat.GeoTiff)}), " +
        $"NetCDF ({Extensions(SourceFileFormat.NetCdf)}) or GRIB ({Extensions(SourceFileFormat.Grib)}) for raster tilesets, " +
        $"not '{Path.GetExtension(path)}'. Other formats go through the Uploads API.";

    public static string NotLineDelimitedMessage(string path, string what) =>
        $"{what} takes line-delimited GeoJSON ({Extensions(SourceFileFormat.LineDelimited)}), not '{Path.GetExtension(path)}'.";

    private static string Extensions(SourceFileFormat format) =>
        string.Join(" ", ByExtension.Where(pair => pair.Value == format).Select(pair => pair.Key));
}
