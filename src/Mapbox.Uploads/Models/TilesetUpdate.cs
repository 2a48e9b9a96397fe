namespace Mapbox.Uploads;

/// <summary>What <see cref="TilesetsClient.UpdateTilesetAsync"/> changes; a null member is left as it is.</summary>
public sealed class TilesetUpdate
{
    /// <summary>The new display name, at most <see cref="TilesetId.MaxNameLength"/> characters.</summary>
    public string? Name { get; set; }

    /// <summary>The new description, at most <see cref="NewTileset.MaxDescriptionLength"/> characters.</summary>
    public string? Description { get; set; }

    /// <summary>The new privacy.</summary>
    public bool? Private { get; set; }

    /// <summary>The new attribution, as the service's JSON.</summary>
    public string? AttributionJson { get; set; }
}
