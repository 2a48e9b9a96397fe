using System.Text.Json.Serialization;

namespace Mapbox.Uploads;

/// <summary>A tileset source as <see cref="TilesetsClient.GetSourceAsync"/> and <see cref="TilesetsClient.ListSourcesAsync"/> describe it.</summary>
public sealed class TilesetSource
{
    /// <summary>The source's URI, <c>mapbox://tileset-source/{user}/{id}</c>.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>How many files the source holds.</summary>
    [JsonPropertyName("files")]
    public int Files { get; set; }

    /// <summary>The source's size in bytes.</summary>
    [JsonPropertyName("size")]
    public long Size { get; set; }

    /// <summary>The size as the service words it, e.g. <c>1.2 MB</c>.</summary>
    [JsonPropertyName("size_nice")]
    public string? SizeNice { get; set; }
}
