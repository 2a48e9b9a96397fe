using System;

namespace Mapbox.Uploads;

/// <summary>What <see cref="TilesetsClient.CreateTilesetAsync"/> sends: the recipe and the tileset's information.</summary>
public sealed class NewTileset
{
    /// <summary>The longest description the service accepts.</summary>
    public const int MaxDescriptionLength = 500;

    /// <summary>Creates the request.</summary>
    /// <param name="recipeJson">The recipe, JSON text sent as written.</param>
    /// <param name="name">The display name, at most <see cref="TilesetId.MaxNameLength"/> characters.</param>
    public NewTileset(string recipeJson, string name)
    {
        RecipeJson = recipeJson ?? throw new ArgumentNullException(nameof(recipeJson));
        Name = name ?? throw new ArgumentNullException(nameof(name));
    }

    /// <summary>The recipe, JSON text sent as written.</summary>
    public string RecipeJson { get; }

    /// <summary>The display name.</summary>
    public string Name { get; }

    /// <summary>At most <see cref="MaxDescriptionLength"/> characters; null sends none.</summary>
    public string? Description { get; set; }

    /// <summary>Private unless set to false (the service's default too).</summary>
    public bool Private { get; set; } = true;

    /// <summary>Attribution as the service's JSON (an array of <c>{text, link}</c>); null sends none.</summary>
    public string? AttributionJson { get; set; }
}
