using System;
using System.Collections.Generic;
using Mapbox.Uploads.Validation.Raster;

namespace Mapbox.Uploads.Validation;

/// <summary>What the checks of a tileset source found: its problems, or each file as it was checked.</summary>
internal sealed class TilesetSourceCheck
{
    public TilesetSourceCheck(IReadOnlyList<TilesetSourceProblem> problems, IReadOnlyList<TilesetSourceFile> files)
    {
        Problems = problems;
        Files = files;
    }

    /// <summary>Every problem found; empty when the source may be sent.</summary>
    public IReadOnlyList<TilesetSourceProblem> Problems { get; }

    /// <summary>Each file as checked, in upload order; empty when a problem was found.</summary>
    public IReadOnlyList<TilesetSourceFile> Files { get; }

    public static TilesetSourceCheck Failed(IReadOnlyList<TilesetSourceProblem> problems) => new(problems, Array.Empty<TilesetSourceFile>());
}

/// <summary>A source file that passed its checks.</summary>
internal sealed class TilesetSourceFile
{
    public TilesetSourceFile(string path, long length, string? contentSha256)
    {
        Path = path;
        Length = length;
        ContentSha256 = contentSha256;
    }

    /// <summary>The file.</summary>
    public string Path { get; }

    /// <summary>Its length as read through the opened file.</summary>
    public long Length { get; }

    /// <summary>The SHA-256 (lowercase hex) of the bytes the checks read, when it was asked for.</summary>
    public string? ContentSha256 { get; }

    /// <summary>What a recipe's checks need of a raster file; null for GeoJSON.</summary>
    public RasterFileFacts? Raster { get; set; }

    /// <summary>
    /// The block tags of the bytes the checks read, for a file sent byte for byte (raster, line-delimited) when the
    /// SHA-256 was asked for: its sending compares them block by block instead of hashing the file again.
    /// </summary>
    public ContentTags? Tags { get; set; }
}
