using System.Collections.Generic;
using System.Text.Json;

namespace Mapbox.Uploads.Build;

/// <summary>What a Tiling Service job reported: kept in the item's record, the manifest and the result items.</summary>
/// <param name="JobId">The job's id.</param>
/// <param name="Stage">Its last stage: success, failed, superseded, or queued/processing when not waited for.</param>
/// <param name="TilesetPrecisions">Square kilometres per precision tier.</param>
/// <param name="LayerStats">The job's layer statistics, as the service wrote them.</param>
/// <param name="Filesize">The job's <c>filesize</c>: the bytes of tileset source (or changeset) it processed, which Mapbox bills by the megabyte.</param>
/// <param name="Incremental">For a recipe with <c>"incremental": true</c>: <c>initial</c>, <c>reset: why</c>, or <c>changeset +a ~c -r, its megabytes of the source's</c>.</param>
/// <param name="ComputeUnits">The job's <c>cu</c>: the compute units Mapbox bills it.</param>
internal sealed record JobFigures(string JobId, string Stage, IReadOnlyDictionary<string, double>? TilesetPrecisions, JsonElement? LayerStats, long? Filesize, string? Incremental = null, double? ComputeUnits = null);
