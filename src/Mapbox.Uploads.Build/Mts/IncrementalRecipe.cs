using System;
using System.Collections.Generic;
using System.Text.Json;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Build;

/// <summary>What incremental publishing needs of a recipe: whether it has <c>"incremental": true</c>, and which layer reads which source.</summary>
/// <param name="Incremental">The recipe's top-level <c>incremental</c> is true.</param>
/// <param name="Layers">Each layer's name and the id of the account's source it reads, in the recipe's order.</param>
internal sealed record IncrementalRecipe(bool Incremental, IReadOnlyList<(string Layer, string SourceId)> Layers)
{
    /// <summary>Reads a recipe that passed <see cref="RecipeValidator"/>; anything else reads as not incremental.</summary>
    public static IncrementalRecipe Of(string recipeJson)
    {
        try
        {
            using var document = JsonDocument.Parse(recipeJson);
            var root = document.RootElement;
            var incremental = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("incremental", out var flag) && flag.ValueKind == JsonValueKind.True;
            var layers = new List<(string, string)>();
            if (incremental && root.TryGetProperty("layers", out var all) && all.ValueKind == JsonValueKind.Object)
            {
                foreach (var layer in all.EnumerateObject())
                {
                    if (layer.Value.ValueKind == JsonValueKind.Object && layer.Value.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String
                        && source.GetString()!.StartsWith(TilesetSourceLimits.UriPrefix, StringComparison.Ordinal))
                    {
                        var uri = source.GetString()!;
                        layers.Add((layer.Name, uri.Substring(uri.LastIndexOf('/') + 1)));
                    }
                }
            }

            return new IncrementalRecipe(incremental, layers);
        }
        catch (JsonException)
        {
            return new IncrementalRecipe(false, Array.Empty<(string, string)>());
        }
    }
}
