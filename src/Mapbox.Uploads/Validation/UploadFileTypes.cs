using System;
using System.Collections.Generic;
using System.IO;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// The one table of the file types the Mapbox Uploads API accepts: extensions and size limits
/// (byte values from the Mapbox documentation and mapbox-upload-limits).
/// </summary>
public static class UploadFileTypes
{
    private const long MiB = 1024L * 1024;
    private const long GiB = 1024L * MiB;

    private static readonly UploadFileTypeInfo[] Table =
    {
        new(UploadFileType.GeoJson, "GeoJSON", 1 * GiB, "1 GB", ".geojson", ".json"),
        new(UploadFileType.Csv, "CSV", 1 * GiB, "1 GB", ".csv"),
        new(UploadFileType.Gpx, "GPX", 260 * MiB, "260 MB", ".gpx"),
        new(UploadFileType.Kml, "KML", 260 * MiB, "260 MB", ".kml"),
        new(UploadFileType.Shapefile, "Shapefile", 260 * MiB, "260 MB of uncompressed .shp and .dbf", ".zip"),
        new(UploadFileType.MBTiles, "MBTiles", 25 * GiB, "25 GB", ".mbtiles"),
        new(UploadFileType.GeoTiff, "GeoTIFF", 10 * GiB, "10 GB", ".tif", ".tiff"),
    };

    private static readonly string[] AllExtensions = CollectExtensions();

    /// <summary>Every accepted file type, in the order of <see cref="UploadFileType"/>.</summary>
    public static IReadOnlyList<UploadFileTypeInfo> All => Table;

    /// <summary>Every accepted extension, lower case with the leading dot.</summary>
    public static IReadOnlyList<string> SupportedExtensions => AllExtensions;

    /// <summary>The table row of <paramref name="type"/>.</summary>
    /// <param name="type">A file type.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="type"/> is not a defined value.</exception>
    public static UploadFileTypeInfo Get(UploadFileType type)
    {
        foreach (var info in Table)
        {
            if (info.Type == type)
            {
                return info;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(type), type, "Not a known upload file type.");
    }

    /// <summary>The largest accepted size of <paramref name="type"/>, in bytes (see <see cref="UploadFileTypeInfo.MaxBytes"/>).</summary>
    /// <param name="type">A file type.</param>
    public static long GetMaxBytes(UploadFileType type) => Get(type).MaxBytes;

    /// <summary>The file type a path's extension names (case-insensitive), or null when Mapbox does not accept it.</summary>
    /// <param name="path">A file path or name.</param>
    public static UploadFileType? FromPath(string path) => FindByPath(path)?.Type;

    /// <summary>The table row for a path's extension (case-insensitive), or null when Mapbox does not accept it.</summary>
    /// <param name="path">A file path or name.</param>
    public static UploadFileTypeInfo? FindByPath(string path)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        var extension = Path.GetExtension(path);
        foreach (var info in Table)
        {
            foreach (var candidate in info.Extensions)
            {
                if (string.Equals(candidate, extension, StringComparison.OrdinalIgnoreCase))
                {
                    return info;
                }
            }
        }

        return null;
    }

    private static string[] CollectExtensions()
    {
        var extensions = new List<string>();
        foreach (var info in Table)
        {
            extensions.AddRange(info.Extensions);
        }

        return extensions.ToArray();
    }
}
