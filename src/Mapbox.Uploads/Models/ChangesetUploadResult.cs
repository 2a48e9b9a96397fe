using System.Text.Json.Serialization;

namespace Mapbox.Uploads;

/// <summary>The service's answer to one file sent to a tileset changeset (create, append or replace).</summary>
public sealed class ChangesetUploadResult
{
    /// <summary>The changeset's URI, <c>mapbox://tileset-changeset/{user}/{id}</c>, as <c>publish-changesets</c> names it.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>How many files the changeset holds now.</summary>
    [JsonPropertyName("files")]
    public int Files { get; set; }

    /// <summary>The size in bytes of the file just received.</summary>
    [JsonPropertyName("file_size")]
    public long FileSize { get; set; }

    /// <summary>The changeset's size in bytes now, all files together.</summary>
    [JsonPropertyName("source_size")]
    public long SourceSize { get; set; }
}
