using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mapbox.Uploads;

/// <summary>A tileset's recipe as <see cref="TilesetsClient.GetRecipeAsync"/> returns it.</summary>
public sealed class TilesetRecipe
{
    /// <summary>The tileset id, <c>owner.id</c>.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>The recipe.</summary>
    [JsonPropertyName("recipe")]
    public JsonElement Recipe { get; set; }
}
