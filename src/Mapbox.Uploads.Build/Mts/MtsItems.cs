using System.Collections.Generic;

namespace Mapbox.Uploads.Build;

/// <summary>One tileset source: every <c>MapboxTilesetSource</c> item with the same <c>SourceId</c>, in project order.</summary>
/// <param name="SourceId">The source's id.</param>
/// <param name="Files">One pipeline item per file; the first replaces the source, the others are appended.</param>
internal sealed record SourceGroup(string SourceId, IReadOnlyList<PipelineItem> Files);

/// <summary>A <c>MapboxRecipe</c> item as read: immutable from here on.</summary>
/// <param name="Item">Its identity (the recipe file and the tileset) and the inputs that decide its publication.</param>
/// <param name="RecipeJson">The recipe as written, sent as it is.</param>
/// <param name="Content">The recipe file's content, from the one read that gave <paramref name="RecipeJson"/>.</param>
/// <param name="Name">The tileset's name (the bare id when not given).</param>
/// <param name="Description">The tileset's description, when given.</param>
/// <param name="Private">Whether the tileset is private (true unless said otherwise).</param>
internal sealed record RecipeItem(PipelineItem Item, string RecipeJson, ContentFingerprint Content, string Name, string? Description, bool Private)
{
    public ItemRef Ref => Item.Ref;
}
