using System.Text.Json.Serialization;

namespace Mapbox.Uploads;

/// <summary>The answer to <see cref="TilesetsClient.PublishAsync"/> and <see cref="TilesetsClient.PublishChangesetsAsync"/>: the job that builds the tileset.</summary>
public sealed class PublishedJob
{
    /// <summary>The service's message.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>The job's id, for <see cref="TilesetsClient.GetJobAsync"/> and the waits.</summary>
    [JsonPropertyName("jobId")]
    public string JobId { get; set; } = string.Empty;

    /// <summary>
    /// For a publish of a tileset whose recipe has <c>"incremental": true</c>, <see cref="IncrementalPublishes.Initial"/>
    /// or <see cref="IncrementalPublishes.Reset"/>; null for any other publish and for a changeset job.
    /// </summary>
    [JsonPropertyName("incremental")]
    public string? Incremental { get; set; }
}
