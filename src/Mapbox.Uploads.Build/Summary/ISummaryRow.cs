using System;

namespace Mapbox.Uploads.Build.Summary;

/// <summary>
/// One tileset's result as the summaries show it. The task's own result record implements this, so the
/// summaries never depend on how the task keeps its state.
/// </summary>
internal interface ISummaryRow
{
    /// <summary>The full tileset id, <c>owner.id</c>; for a tileset source's file, the source's, in the same form.</summary>
    string Tileset { get; }

    /// <summary>True for a Tiling Service source's file: its row names a source, which no Studio page shows.</summary>
    bool IsTilesetSource { get; }

    /// <summary>The data file as the item named it (relative to the project).</summary>
    string File { get; }

    /// <summary>Where the item ended: Succeeded, Created, Skipped, Validated or Failed.</summary>
    string Status { get; }

    /// <summary>The upload (or job) id the service gave, when it got that far.</summary>
    string? UploadId { get; }

    /// <summary>How long the tileset took, from its start to its result; null when it did not run.</summary>
    TimeSpan? Duration { get; }

    /// <summary>The data file's size in bytes, when known.</summary>
    long? SizeBytes { get; }

    /// <summary>The bytes Mapbox processed (and bills) for the tileset in this build, as reported after it; null when nothing was.</summary>
    long? ProcessedBytes { get; }

    /// <summary>The compute units Mapbox reported for it in this build; null when none were.</summary>
    double? ComputeUnits { get; }

    /// <summary>The MBX code of a failure; null on success.</summary>
    string? ErrorCode { get; }

    /// <summary>For a tileset whose recipe has <c>"incremental": true</c>: how this build published it (initial, reset and why, or the changeset); null when it was not published or is not incremental.</summary>
    string? Incremental { get; }
}
