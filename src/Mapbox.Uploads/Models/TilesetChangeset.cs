using System.Text.Json.Serialization;

namespace Mapbox.Uploads;

/// <summary>A tileset changeset as <see cref="TilesetsClient.GetChangesetAsync"/> and <see cref="TilesetsClient.ListChangesetsAsync"/> describe it.</summary>
public sealed class TilesetChangeset
{
    /// <summary>The changeset's URI, <c>mapbox://tileset-changeset/{user}/{id}</c>.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>How many files the changeset holds.</summary>
    [JsonPropertyName("files")]
    public int Files { get; set; }

    /// <summary>The changeset's size in bytes.</summary>
    [JsonPropertyName("size")]
    public long Size { get; set; }

    /// <summary>The size as the service words it, e.g. <c>1.2 MB</c>, when it says.</summary>
    [JsonPropertyName("size_nice")]
    public string? SizeNice { get; set; }
}
