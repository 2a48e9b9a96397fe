using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mapbox.Uploads.Http;

namespace Mapbox.Uploads;

/// <summary>A publish job, as <see cref="TilesetsClient.GetJobAsync"/> and <see cref="TilesetsClient.ListJobsAsync"/> return it.</summary>
public sealed class TilesetJob
{
    /// <summary>The job id.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>One of <see cref="TilesetJobStages"/>.</summary>
    [JsonPropertyName("stage")]
    public string Stage { get; set; } = string.Empty;

    /// <summary>The tileset the job builds, <c>owner.id</c>.</summary>
    [JsonPropertyName("tilesetId")]
    public string TilesetId { get; set; } = string.Empty;

    /// <summary>When the job was created, in milliseconds since 1970 (UTC).</summary>
    [JsonPropertyName("created")]
    public long? Created { get; set; }

    /// <summary>When the job finished, in milliseconds since 1970 (UTC); null while it runs.</summary>
    [JsonPropertyName("completed")]
    public long? Completed { get; set; }

    /// <summary>When the result was published, in milliseconds since 1970 (UTC).</summary>
    [JsonPropertyName("published")]
    public long? Published { get; set; }

    /// <summary>Why the job failed, as the service words it.</summary>
    [JsonPropertyName("errors")]
    [JsonConverter(typeof(MessageListConverter))]
    public IReadOnlyList<string> Errors { get; set; } = Array.Empty<string>();

    /// <summary>What the job left out or changed, e.g. features dropped by the 500 KB tile limit.</summary>
    [JsonPropertyName("warnings")]
    [JsonConverter(typeof(MessageListConverter))]
    public IReadOnlyList<string> Warnings { get; set; } = Array.Empty<string>();

    /// <summary>Square kilometres processed per precision tier (e.g. <c>"10m"</c>), the basis of billing.</summary>
    [JsonPropertyName("tileset_precisions")]
    public IReadOnlyDictionary<string, double>? TilesetPrecisions { get; set; }

    /// <summary>Per-layer statistics as the service reports them (shape not fixed by the documentation).</summary>
    [JsonPropertyName("layer_stats")]
    public JsonElement? LayerStats { get; set; }

    /// <summary>
    /// The job's <c>filesize</c> in bytes: the tileset source it processed, which Mapbox bills by the megabyte
    /// (10^6 bytes). Null while the job runs.
    /// </summary>
    [JsonPropertyName("filesize")]
    public long? Filesize { get; set; }

    /// <summary>The job's <c>cu</c>: the compute units Mapbox bills it (most vector jobs 0.3 to 5). Null while the job runs.</summary>
    [JsonPropertyName("cu")]
    public double? ComputeUnits { get; set; }

    /// <summary>True once the stage is success, failed or superseded: the stage will not change again.</summary>
    [JsonIgnore]
    public bool IsFinished => TilesetJobStages.IsFinished(Stage);

    /// <summary>True when the job published the tileset.</summary>
    [JsonIgnore]
    public bool Succeeded => Stage == TilesetJobStages.Success;

    /// <summary>A one-line summary for logs.</summary>
    /// <returns>Id, tileset and stage.</returns>
    public override string ToString() =>
        $"job {Id} of {TilesetId} ({Stage}{(Errors.Count > 0 ? ": " + string.Join("; ", Errors) : string.Empty)})";
}
