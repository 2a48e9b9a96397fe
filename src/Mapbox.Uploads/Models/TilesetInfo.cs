using System;
using System.Text.Json.Serialization;

namespace Mapbox.Uploads;

/// <summary>A tileset as <see cref="TilesetsClient.ListTilesetsAsync"/> describes it.</summary>
public sealed class TilesetInfo
{
    /// <summary>The tileset id, <c>owner.id</c>.</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>The display name.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The description.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary><c>vector</c> or <c>raster</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary><c>private</c> or <c>public</c>.</summary>
    [JsonPropertyName("visibility")]
    public string? Visibility { get; set; }

    /// <summary>Always <c>available</c> for a tileset made by the Tiling Service: read its latest job for the truth.</summary>
    [JsonPropertyName("status")]
    public string? Status { get; set; }

    /// <summary>The size in bytes.</summary>
    [JsonPropertyName("filesize")]
    public long? Filesize { get; set; }

    /// <summary>When the tileset was created.</summary>
    [JsonPropertyName("created")]
    public DateTimeOffset? Created { get; set; }

    /// <summary>When the tileset last changed.</summary>
    [JsonPropertyName("modified")]
    public DateTimeOffset? Modified { get; set; }
}
