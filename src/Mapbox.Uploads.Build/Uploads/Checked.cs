namespace Mapbox.Uploads.Build;

/// <summary>A tileset item that passed its checks, with its content as checked and the up-to-date decision.</summary>
internal sealed record Checked(TilesetItem Tileset, ContentFingerprint Content, Decision Decision);
