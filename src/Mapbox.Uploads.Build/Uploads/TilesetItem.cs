namespace Mapbox.Uploads.Build;

/// <summary>A <c>MapboxTileset</c> item as read: immutable from here on.</summary>
/// <param name="Item">Its identity and the inputs that decide its upload.</param>
/// <param name="Name">The tileset's display name, when given.</param>
/// <param name="Patch">Sent as <c>patch</c> when set.</param>
/// <param name="BypassValidation">Sent as <c>bypass_mbtiles_validation</c> when set.</param>
/// <param name="Validate">Whether the checks read the content (the <c>Validate</c> metadata).</param>
/// <param name="AllowEmpty">Whether data that would empty the tileset is meant (the <c>AllowEmpty</c> metadata).</param>
internal sealed record TilesetItem(PipelineItem Item, string? Name, bool? Patch, bool? BypassValidation, bool Validate, bool AllowEmpty)
{
    public ItemRef Ref => Item.Ref;
}
