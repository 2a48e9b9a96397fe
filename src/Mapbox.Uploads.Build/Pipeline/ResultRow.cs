using System;
using Mapbox.Uploads.Build.Summary;

namespace Mapbox.Uploads.Build;

/// <summary>
/// One item's result as the summaries show it: the item as the project spells it, its record, and how long it ran.
/// Any pipeline's record fits: <see cref="UploadId"/> is whatever id the service gave the publication.
/// </summary>
internal sealed class ResultRow : ISummaryRow
{
    private readonly ItemRecord _record;

    public ResultRow(ItemRef item, ItemRecord record, TimeSpan? duration)
    {
        File = item.Spec;
        IsTilesetSource = item.IsTilesetSource;
        _record = record;
        Duration = duration;
    }

    public string Tileset => _record.Tileset;

    public bool IsTilesetSource { get; }

    public string File { get; }

    public string Status => _record.Status.ToString();

    public string? UploadId => _record.UploadId;

    public TimeSpan? Duration { get; }

    public long? SizeBytes => _record.Content?.Length;

    public long? ProcessedBytes => _record.ProcessedBytes;

    public double? ComputeUnits => _record.ComputeUnits;

    public string? ErrorCode => _record.ErrorCode;

    // A skipped tileset's record still holds its last job; the label says how this build published it, so none.
    public string? Incremental => _record.Status == ItemStatus.Skipped ? null : _record.Job?.Incremental;
}
