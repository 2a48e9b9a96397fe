using System.Text.Json.Serialization;

namespace Mapbox.Uploads;

/// <summary>The service's answer to one file sent to a tileset source (replace or append).</summary>
public sealed class SourceUploadResult
{
    /// <summary>The source's URI, <c>mapbox://tileset-source/{user}/{id}</c>, as recipes reference it.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>How many files the source holds now.</summary>
    [JsonPropertyName("files")]
    public int Files { get; set; }

    /// <summary>The source's size in bytes now.</summary>
    [JsonPropertyName("source_size")]
    public long SourceSize { get; set; }

    /// <summary>The size in bytes of the file just received.</summary>
    [JsonPropertyName("file_size")]
    public long FileSize { get; set; }
}
