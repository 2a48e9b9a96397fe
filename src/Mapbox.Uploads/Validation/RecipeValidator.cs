using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// The local checks of a vector recipe, run before any request: JSON with <c>version</c> and <c>layers</c>, every
/// layer's <c>source</c> a <c>mapbox://tileset-source/{user}/{id}</c> URI of the token's account. Whether a referenced
/// source exists is left to the service's validation, which runs after the sources are uploaded.
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
        try
        {
            using var document = JsonDocument.Parse(recipeJson);
            CheckRoot(document.RootElement, username, problems, sourceIds);
        }
        catch (JsonException exception)
        {
            problems.Add(new RecipeProblem(
                "The recipe is not valid JSON: " + exception.Message,
                (int)(exception.LineNumber ?? 0) + 1,
                (int)(exception.BytePositionInLine ?? 0) + 1));
        }

        return new RecipeCheckResult(problems, sourceIds);
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

        var uri = source.GetString()!;
        if (!uri.StartsWith(TilesetSourceLimits.UriPrefix, StringComparison.Ordinal) || uri.Substring(TilesetSourceLimits.UriPrefix.Length).Split('/') is not { Length: 2 } parts)
        {
            return new RecipeProblem($"Layer '{layer.Name}' has source '{uri}'; a source is written \"{expected}\".");
        }

        if (!string.Equals(parts[0], username, StringComparison.Ordinal))
        {
            return new RecipeProblem($"Layer '{layer.Name}' uses a source of account '{parts[0]}', but the token belongs to '{username}'; write \"{expected}\".");
        }

        if (TilesetSourceValidator.CheckSourceId(parts[1]) is { } idProblem)
        {
            return new RecipeProblem($"Layer '{layer.Name}': {idProblem}");
        }

        if (!sourceIds.Contains(parts[1]))
        {
            sourceIds.Add(parts[1]);
        }

        return null;
    }
}
