using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// The service's recipe validation: version 1, an optional boolean <c>incremental</c>, at least one layer, each with a
/// source of this account that exists and integer <c>minzoom</c> and <c>maxzoom</c> from 0 to 16 in order; raster and
/// rasterarray recipes follow <see cref="TilesetsRasterRules"/>.
/// </summary>
internal static class TilesetsRecipeRules
{
    private const int MaxZoom = 16;

    public static List<string> Errors(JsonElement recipe, string user, Func<string, bool> sourceExists)
    {
        if (TilesetsRasterRules.TypeOf(recipe) is { } rasterType)
        {
            return TilesetsRasterRules.Errors(recipe, rasterType, user, sourceExists);
        }
        var errors = new List<string>();
        if (recipe.ValueKind != JsonValueKind.Object)
        {
            errors.Add("recipe: must be an object");
            return errors;
        }
        if (!recipe.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number || version.GetRawText() != "1")
        {
            errors.Add("version: must be 1");
        }
        if (recipe.TryGetProperty("incremental", out var incremental) && incremental.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add("incremental: must be true or false");
        }
        if (!recipe.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Object)
        {
            errors.Add("layers: required object");
            return errors;
        }
        var count = 0;
        foreach (var layer in layers.EnumerateObject())
        {
            count++;
            CheckLayer(layer, user, sourceExists, errors);
        }
        if (count == 0)
        {
            errors.Add("layers: at least one layer is required");
        }
        return errors;
    }

    private static void CheckLayer(JsonProperty layer, string user, Func<string, bool> sourceExists, List<string> errors)
    {
        var name = layer.Name;
        if (layer.Value.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"layers.{name}: must be an object");
            return;
        }
        if (!layer.Value.TryGetProperty("source", out var source) || source.GetString() is not { } uri)
        {
            errors.Add($"layers.{name}.source: required");
        }
        else if (!uri.StartsWith(TilesetsMessages.SourceUriPrefix + user + "/", StringComparison.Ordinal))
        {
            errors.Add($"layers.{name}.source: must be {TilesetsMessages.SourceUriPrefix}{user}/{{id}}");
        }
        else if (!sourceExists(uri[TilesetsMessages.SourceUriPrefix.Length..]))
        {
            errors.Add($"layers.{name}.source: {uri} does not exist");
        }
        var min = Zoom(layer.Value, "minzoom", name, errors);
        var max = Zoom(layer.Value, "maxzoom", name, errors);
        if (min > max)
        {
            errors.Add($"layers.{name}: minzoom must not be greater than maxzoom");
        }
    }

    private static int Zoom(JsonElement layer, string property, string name, List<string> errors)
    {
        if (layer.TryGetProperty(property, out var zoom) && zoom.ValueKind == JsonValueKind.Number && zoom.TryGetInt32(out var value) && value is >= 0 and <= MaxZoom)
        {
            return value;
        }
        errors.Add($"layers.{name}.{property}: required integer from 0 to {MaxZoom}");
        return property == "minzoom" ? int.MinValue : int.MaxValue;
    }
}
