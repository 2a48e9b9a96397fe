using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace Mapbox.Uploads.Tool.Commands.Tilesets;

/// <summary>
/// The layers of a publish-changesets command line, recipe layer to changeset name (<see cref="ChangesetNames"/>),
/// read from <c>--layer NAME=CHANGESET_ID</c> values or from a payload file as the tilesets CLI takes it. Each
/// problem goes to <c>error</c> as a usage error: it is found while the command line is parsed, before any request.
/// </summary>
internal static class ChangesetLayers
{
    private const string PayloadShape = "{\"layers\":{\"<layer>\":{\"changeset\":\"mapbox://tileset-changeset/<user>/<id>\"}}}";

    /// <summary>The <c>--layer</c> values.</summary>
    public static Dictionary<string, string> FromOptions(IEnumerable<string> values, Action<string> error)
    {
        var layers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var separator = value.IndexOf('=');
            if (separator <= 0 || separator == value.Length - 1)
            {
                error($"--layer takes NAME=CHANGESET_ID, not '{value}'.");
                continue;
            }

            Add(layers, value[..separator], value[(separator + 1)..], "--layer ", error);
        }

        return layers;
    }

    /// <summary>The payload file's <c>layers</c>.</summary>
    public static Dictionary<string, string> FromPayload(string path, Action<string> error)
    {
        var layers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            error($"{path}: no such payload file; it holds {PayloadShape}, or give the layers with --layer NAME=CHANGESET_ID.");
            return layers;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllBytes(path));
        }
        catch (JsonException e)
        {
            var reason = e.Message.Split(" LineNumber:", 2)[0];
            error($"{path}({(e.LineNumber ?? 0) + 1},{(e.BytePositionInLine ?? 0) + 1}): the payload is not JSON: {reason}");
            return layers;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error($"{path}: the payload cannot be read: {e.Message}");
            return layers;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("layers", out var entries) || entries.ValueKind != JsonValueKind.Object)
            {
                error($"{path}: the payload must be {PayloadShape}.");
                return layers;
            }

            var named = false;
            foreach (var entry in entries.EnumerateObject())
            {
                named = true;
                if (entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("changeset", out var changeset) && changeset.ValueKind == JsonValueKind.String)
                {
                    Add(layers, entry.Name, changeset.GetString()!, $"{path}: layer ", error);
                }
                else
                {
                    error($"{path}: layer '{entry.Name}' has no \"changeset\" string; the payload must be {PayloadShape}.");
                }
            }

            if (!named)
            {
                error($"{path}: the payload names no layer; it must be {PayloadShape}.");
            }
        }

        return layers;
    }

    private static void Add(Dictionary<string, string> layers, string layer, string changeset, string where, Action<string> error)
    {
        if (ChangesetNames.Problem(changeset) is { } problem)
        {
            error($"{where}'{layer}': {problem}");
        }
        else if (!layers.TryAdd(layer, changeset))
        {
            error($"{where}'{layer}' is given twice; one changeset per layer.");
        }
    }
}
