using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Mapbox.Uploads.Validation;
using Microsoft.Build.Framework;

namespace Mapbox.Uploads.Build;

/// <summary>
/// Reads <c>MapboxTilesetSource</c> and <c>MapboxRecipe</c> items into <see cref="SourceGroup"/> and <see cref="RecipeItem"/>
/// values, reporting every item problem before any request.
/// </summary>
internal static class MtsItemReader
{
    /// <summary>A recipe item's parameters that are the tileset's information (name, description, privacy), not its tiles.</summary>
    public static readonly string[] TilesetInformation = ["name", "description", "private"];

    /// <summary>Groups the source items by <c>SourceId</c>; items with a problem are reported and left out.</summary>
    public static List<SourceGroup> ReadSources(IEnumerable<ITaskItem> items, string account, string apiUrl, BuildLog log)
    {
        var byId = new Dictionary<string, List<(ITaskItem Item, string FullPath)>>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var sourceId = item.GetMetadata("SourceId").Trim();
            if (TilesetSourceValidator.CheckSourceId(sourceId) is { } problem)
            {
                log.Error(ErrorCodes.SourceIdInvalid, $"MapboxTilesetSource '{item.ItemSpec}': {problem}", FullPathOf(item));
                continue;
            }

            if (!byId.TryGetValue(sourceId, out var files))
            {
                byId.Add(sourceId, files = new List<(ITaskItem, string)>());
            }

            files.Add((item, FullPathOf(item)));
        }

        return byId.Select(group => new SourceGroup(group.Key, group.Value.Select((file, index) =>
        {
            var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["sourceId"] = group.Key,
                ["file"] = $"{index + 1} of {group.Value.Count}",
            };
            var key = TilesetId.Parse(group.Key, account);
            return new PipelineItem(new ItemRef(file.Item, file.FullPath, key, IsTilesetSource: true), new ItemInputs(key.ToString(), account, apiUrl, parameters));
        }).ToList())).ToList();
    }

    /// <summary>Reads the recipe items, one tileset each; items with a problem are reported and left out.</summary>
    public static List<RecipeItem> ReadRecipes(IEnumerable<ITaskItem> items, string account, string apiUrl, BuildLog log)
    {
        var read = new List<RecipeItem>();
        var tilesets = new HashSet<TilesetId>();
        foreach (var item in items)
        {
            var fullPath = FullPathOf(item);
            var (recipe, problem) = ReadRecipe(item, fullPath, account, apiUrl);
            if (recipe is not null && !tilesets.Add(recipe.Ref.Tileset))
            {
                problem = $"tileset {recipe.Ref.Tileset} has a recipe in another MapboxRecipe item already";
            }

            if (problem is not null)
            {
                log.Error(ErrorCodes.RecipeItemInvalid, $"MapboxRecipe '{item.ItemSpec}': {problem}", fullPath);
                continue;
            }

            read.Add(recipe!);
        }

        return read;
    }

    private static (RecipeItem? Recipe, string? Problem) ReadRecipe(ITaskItem item, string fullPath, string account, string apiUrl)
    {
        var mapId = item.GetMetadata("TilesetId").Trim();
        if (!TilesetId.TryParse(mapId, account, out var tileset, out var idProblem))
        {
            return (null, mapId.Length == 0 ? "it has no TilesetId" : $"TilesetId '{mapId}' is not valid: {idProblem}");
        }

        if (!string.Equals(tileset.Owner, account, StringComparison.Ordinal))
        {
            return (null, $"tileset {tileset} belongs to '{tileset.Owner}' but the access token is for '{account}'");
        }

        var name = item.GetMetadata("Name");
        name = name.Length > 0 ? name : tileset.Id;
        var description = item.GetMetadata("Description");
        var privateText = item.GetMetadata("Private").Trim();
        var isPrivate = true;
        var problem = TilesetId.CheckName(name)
            ?? (description.Length > NewTileset.MaxDescriptionLength ? $"its Description has {description.Length} characters; Mapbox accepts at most {NewTileset.MaxDescriptionLength}" : null)
            ?? (privateText.Length > 0 && !bool.TryParse(privateText, out isPrivate) ? $"Private='{privateText}' is neither true nor false" : null)
            ?? (File.Exists(fullPath) ? null : "the recipe file does not exist");
        if (problem is not null)
        {
            return (null, problem);
        }

        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [TilesetInformation[0]] = name,
            [TilesetInformation[1]] = description,
            [TilesetInformation[2]] = isPrivate ? "true" : "false",
        };
        var pipelineItem = new PipelineItem(new ItemRef(item, fullPath, tileset), new ItemInputs(tileset.ToString(), account, apiUrl, parameters));
        var (json, content) = ReadRecipeFile(fullPath);
        return (new RecipeItem(pipelineItem, json, content, name, description.Length > 0 ? description : null, isPrivate), null);
    }

    /// <summary>The recipe's text (as <see cref="File.ReadAllText(string)"/> decodes it) and the hash of its bytes, from one read.</summary>
    private static (string Json, ContentFingerprint Content) ReadRecipeFile(string fullPath)
    {
        var facts = FileFacts.Of(fullPath);
        var bytes = File.ReadAllBytes(fullPath);
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return (reader.ReadToEnd(), ContentFingerprint.Of(ContentHash.Of(bytes), facts, bytes.Length));
    }

    private static string FullPathOf(ITaskItem item)
    {
        var fullPath = item.GetMetadata("FullPath");
        return fullPath.Length > 0 ? fullPath : Path.GetFullPath(item.ItemSpec);
    }
}
