using System.Collections.Generic;

namespace Mapbox.Uploads.Validation;

/// <summary>One row of <see cref="UploadFileTypes"/>: a file type, its extensions and its size limit.</summary>
public sealed class UploadFileTypeInfo
{
    internal UploadFileTypeInfo(UploadFileType type, string name, long maxBytes, string limitText, params string[] extensions)
    {
        Type = type;
        Name = name;
        MaxBytes = maxBytes;
        LimitText = limitText;
        Extensions = extensions;
    }

    /// <summary>The file type.</summary>
    public UploadFileType Type { get; }

    /// <summary>The name users know the format by, e.g. <c>GeoJSON</c>.</summary>
    public string Name { get; }

    /// <summary>The extensions, lower case with the leading dot, e.g. <c>.geojson</c>.</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>
    /// The largest size Mapbox accepts, in bytes. For <see cref="UploadFileType.Shapefile"/> it applies to the
    /// uncompressed .shp and .dbf together, not to the zip (see <see cref="LimitAppliesToFile"/>).
    /// </summary>
    public long MaxBytes { get; }

    /// <summary>The limit as the Mapbox documentation states it, e.g. <c>1 GB</c>.</summary>
    public string LimitText { get; }

    /// <summary>Whether <see cref="MaxBytes"/> bounds the file's own length (false for a zipped Shapefile).</summary>
    public bool LimitAppliesToFile => Type != UploadFileType.Shapefile;
}
