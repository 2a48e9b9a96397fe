using System;
using System.Collections.Generic;
using System.Text.Json;
using Mapbox.Uploads.Validation.Raster;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// The local checks of a vector recipe, run before any request: JSON with <c>version</c> and <c>layers</c>, every
/// layer's <c>source</c> a <c>mapbox://tileset-source/{user}/{id}</c> URI of the token's account. Whether a referenced
/// source exists is left to the service's validation, which runs after the sources are uploaded. A recipe with a
/// <c>type</c> of <c>raster</c> or <c>rasterarray</c> is checked for that shape instead (<see cref="RasterRecipeRules"/>).
/// </summary>
public static class RecipeValidator
{
    /// <summary>Checks a recipe and lists the sources it references.</summary>
    /// <param name="recipeJson">The recipe as written.</param>
    /// <param name="username">The token's account, which every source must belong to.</param>
    /// <returns>The problems and the referenced source ids.</returns>
    public static RecipeCheckResult Check(string recipeJson, string username)
    {
        if (recipeJson is null)
        {
            throw new ArgumentNullException(nameof(recipeJson));
        }

        var problems = new List<RecipeProblem>();
        var sourceIds = new List<string>();
        var crsBySource = new Dictionary<string, string>(StringComparer.Ordinal);
        string? type = RecipeCheckResult.Vector;
        try
        {
            using var document = JsonDocument.Parse(recipeJson);
            if (RasterRecipeRules.Applies(document.RootElement))
            {
                RasterRecipeRules.Check(document.RootElement, username, problems, sourceIds, crsBySource, out type);
            }
            else
            {
                CheckRoot(document.RootElement, username, problems, sourceIds);
            }
        }
        catch (JsonException exception)
        {
            problems.Add(new RecipeProblem(
                "The recipe is not valid JSON: " + exception.Message,
                (int)(exception.LineNumber ?? 0) + 1,
                (int)(exception.BytePositionInLine ?? 0) + 1));
        }

        return new RecipeCheckResult(problems, sourceIds, type ?? RecipeCheckResult.Vector, crsBySource);
    }

    private static void CheckRoot(JsonElement root, string username, List<RecipeProblem> problems, List<string> sourceIds)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new RecipeProblem("A recipe is a JSON object with \"version\" and \"layers\"."));
            return;
        }

        if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number)
        {
            problems.Add(new RecipeProblem("The recipe has no \"version\" number; write \"version\": 1."));
        }

        if (!root.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new RecipeProblem("The recipe has no \"layers\" object; name each layer and give it a \"source\"."));
            return;
        }

        var count = 0;
        foreach (var layer in layers.EnumerateObject())
        {
            count++;
            if (CheckLayer(layer, username, sourceIds) is { } problem)
            {
                problems.Add(problem);
            }
        }

        if (count == 0)
        {
            problems.Add(new RecipeProblem("The recipe's \"layers\" is empty; a tileset needs at least one layer."));
        }
    }

    private static RecipeProblem? CheckLayer(JsonProperty layer, string username, List<string> sourceIds)
    {
        var expected = $"{TilesetSourceLimits.UriPrefix}{username}/{{id}}";
        if (layer.Value.ValueKind != JsonValueKind.Object ||
            !layer.Value.TryGetProperty("source", out var source) ||
            source.ValueKind != JsonValueKind.String)
        {
            return new RecipeProblem($"Layer '{layer.Name}' has no \"source\"; write \"source\": \"{expected}\".");
        }

        if (SourceIdOf(source.GetString()!, username, $"Layer '{layer.Name}'", out var id) is { } problem)
        {
            return problem;
        }

        if (!sourceIds.Contains(id!))
        {
            sourceIds.Add(id!);
        }

        return null;
    }

    /// <summary>The source id of a <c>mapbox://tileset-source/{user}/{id}</c> URI of the token's account, or what is wrong with it.</summary>
    internal static RecipeProblem? SourceIdOf(string uri, string username, string where, out string? id)
    {
        id = null;
        var expected = $"{TilesetSourceLimits.UriPrefix}{username}/{{id}}";
        if (!uri.StartsWith(TilesetSourceLimits.UriPrefix, StringComparison.Ordinal) || uri.Substring(TilesetSourceLimits.UriPrefix.Length).Split('/') is not { Length: 2 } parts)
        {
            return new RecipeProblem($"{where} has source '{uri}'; a source is written \"{expected}\".");
        }

        if (!string.Equals(parts[0], username, StringComparison.Ordinal))
        {
            return new RecipeProblem($"{where} uses a source of account '{parts[0]}', but the token belongs to '{username}'; write \"{expected}\".");
        }

        if (TilesetSourceValidator.CheckSourceId(parts[1]) is { } idProblem)
        {
            return new RecipeProblem($"{where}: {idProblem}");
        }

        id = parts[1];
        return null;
    }
}
