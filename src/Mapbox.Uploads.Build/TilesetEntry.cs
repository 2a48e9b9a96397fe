using Microsoft.Build.Framework;

namespace Mapbox.Uploads.Build;

/// <summary>One MapboxTileset item on its way through the task.</summary>
internal sealed class TilesetEntry
{
    public TilesetEntry(ITaskItem item, string fullPath)
    {
        Item = item;
        FullPath = fullPath;
    }

    public ITaskItem Item { get; }

    /// <summary>The data file, absolute; the file of every diagnostic about this item.</summary>
    public string FullPath { get; }

    public TilesetId Tileset { get; set; }

    public string? Name { get; set; }

    public bool? Patch { get; set; }

    public bool? BypassValidation { get; set; }

    public bool Validate { get; set; } = true;

    /// <summary>SHA-256 of the content, lower-case hex.</summary>
    public string ContentHash { get; set; } = string.Empty;

    public string StampPath { get; set; } = string.Empty;

    public string? UploadId { get; set; }

    public UploadStatus Status { get; set; } = UploadStatus.Pending;

    /// <summary>The code of the failure that stopped this item, if any.</summary>
    public string? ErrorCode { get; set; }

    public bool Skipped => Status == UploadStatus.Skipped;
}
