using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mapbox.Uploads.Validation.Raster;

/// <summary>
/// The local checks of a raster or rasterarray recipe's shape: <c>version</c>, <c>type</c>, <c>sources</c> at the
/// root (each a <c>uri</c> of the token's account, with an optional <c>crs</c>), <c>minzoom</c> and <c>maxzoom</c>
/// (required for raster), and layers named with <c>[A-Za-z0-9_]</c>, each once, that name no source of their own.
/// </summary>
internal static class RasterRecipeRules
{
    public const string Raster = "raster";
    public const string RasterArray = "rasterarray";
    public const int MaxZoom = 22;

    private static readonly Regex LayerName = new("^[A-Za-z0-9_]+$", RegexOptions.CultureInvariant);

    /// <summary>Whether the recipe's <c>type</c> makes it a raster recipe (any type but vector is judged here).</summary>
    public static bool Applies(JsonElement root) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var type) && !(type.ValueKind == JsonValueKind.String && type.GetString() == "vector");

    public static void Check(JsonElement root, string username, List<RecipeProblem> problems, List<string> sourceIds, Dictionary<string, string> crsBySource, out string? type)
    {
        type = root.GetProperty("type") is { ValueKind: JsonValueKind.String } t && t.GetString() is Raster or RasterArray ? t.GetString() : null;
        if (type is null)
        {
            problems.Add(new RecipeProblem($"The recipe's \"type\" is {root.GetProperty("type").GetRawText()}; write \"raster\" (RGB imagery from 8-bit GeoTIFF) or \"rasterarray\" (bands of values from GeoTIFF, NetCDF or GRIB), or leave it out for a vector recipe."));
            return;
        }

        if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number)
        {
            problems.Add(new RecipeProblem("The recipe has no \"version\" number; write \"version\": 1."));
        }

        CheckSources(root, username, problems, sourceIds, crsBySource);
        var min = Zoom(root, "minzoom", type, problems);
        var max = Zoom(root, "maxzoom", type, problems);
        if (min is { } low && max is { } high && low > high)
        {
            problems.Add(new RecipeProblem($"The recipe's \"minzoom\" {low} is greater than its \"maxzoom\" {high}."));
        }

        CheckLayers(root, problems);
    }

    private static void CheckSources(JsonElement root, string username, List<RecipeProblem> problems, List<string> sourceIds, Dictionary<string, string> crsBySource)
    {
        var expected = $"{TilesetSourceLimits.UriPrefix}{username}/{{id}}";
        if (!root.TryGetProperty("sources", out var sources) || sources.ValueKind != JsonValueKind.Array || sources.GetArrayLength() == 0)
        {
            problems.Add(new RecipeProblem($"A raster recipe names its sources at the root: write \"sources\": [{{\"uri\": \"{expected}\"}}] (not a \"source\" in each layer)."));
            return;
        }

        var index = 0;
        foreach (var source in sources.EnumerateArray())
        {
            index++;
            if (source.ValueKind != JsonValueKind.Object || !source.TryGetProperty("uri", out var uriElement) || uriElement.ValueKind != JsonValueKind.String)
            {
                problems.Add(new RecipeProblem($"Source {index} of the recipe has no \"uri\"; write {{\"uri\": \"{expected}\"}}."));
                continue;
            }

            var uri = uriElement.GetString()!;
            if (RecipeValidator.SourceIdOf(uri, username, $"Source {index} of the recipe", out var id) is { } problem)
            {
                problems.Add(problem);
                continue;
            }

            if (source.TryGetProperty("crs", out var crs))
            {
                if (crs.ValueKind != JsonValueKind.String || crs.GetString()!.Trim().Length == 0)
                {
                    problems.Add(new RecipeProblem($"Source {index} of the recipe ({uri}) has a \"crs\" that is not a name such as \"EPSG:4326\"."));
                }
                else
                {
                    crsBySource[id!] = crs.GetString()!;
                }
            }

            if (!sourceIds.Contains(id!))
            {
                sourceIds.Add(id!);
            }
        }
    }

    private static int? Zoom(JsonElement root, string property, string type, List<RecipeProblem> problems)
    {
        if (!root.TryGetProperty(property, out var zoom))
        {
            if (type == Raster)
            {
                problems.Add(new RecipeProblem($"A raster recipe needs \"{property}\" at its root, an integer from 0 to {MaxZoom}."));
            }

            return null;
        }

        if (zoom.ValueKind == JsonValueKind.Number && zoom.TryGetInt32(out var value) && value is >= 0 and <= MaxZoom)
        {
            return value;
        }

        problems.Add(new RecipeProblem(string.Format(CultureInfo.InvariantCulture, "The recipe's \"{0}\" is {1}; write an integer from 0 to {2}.", property, zoom.GetRawText(), MaxZoom)));
        return null;
    }

    private static void CheckLayers(JsonElement root, List<RecipeProblem> problems)
    {
        if (!root.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new RecipeProblem("The recipe has no \"layers\" object; name each layer (A-Z a-z 0-9 _) and give it its \"source_rules\"."));
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var layer in layers.EnumerateObject())
        {
            if (!LayerName.IsMatch(layer.Name))
            {
                problems.Add(new RecipeProblem($"Layer '{layer.Name}': a raster layer's name is made of A-Z a-z 0-9 _ only."));
            }
            else if (!names.Add(layer.Name))
            {
                problems.Add(new RecipeProblem($"Layer '{layer.Name}' is named twice; each layer's name is unique."));
            }

            if (layer.Value.ValueKind == JsonValueKind.Object && layer.Value.TryGetProperty("source", out _))
            {
                problems.Add(new RecipeProblem($"Layer '{layer.Name}' has a \"source\"; a raster recipe names its sources once, in \"sources\" at the root."));
            }
        }

        if (layers.EnumerateObject().MoveNext() == false)
        {
            problems.Add(new RecipeProblem("The recipe's \"layers\" is empty; a tileset needs at least one layer."));
        }
    }
}
