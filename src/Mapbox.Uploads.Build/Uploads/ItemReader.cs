using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Build.Framework;

namespace Mapbox.Uploads.Build;

/// <summary>Reads MapboxTileset items into <see cref="TilesetItem"/> values, reporting every item problem before any request.</summary>
internal static class ItemReader
{
    /// <summary>Stands in for the account in a dry run without a token; such a run checks no ownership.</summary>
    public const string UnknownAccount = "token-account";

    /// <summary>Reads all items; items with a problem are reported and left out.</summary>
    /// <param name="items">The MapboxTileset items.</param>
    /// <param name="username">The token's account, or null in a dry run without a token.</param>
    /// <param name="apiUrl">The service's address, redacted: part of what decides each upload.</param>
    /// <param name="log">Where problems go.</param>
    public static List<TilesetItem> Read(IEnumerable<ITaskItem> items, string? username, string apiUrl, BuildLog log)
    {
        var read = new List<TilesetItem>();
        var byTileset = new Dictionary<TilesetId, TilesetItem>();
        foreach (var item in items)
        {
            var fullPath = FullPathOf(item);
            if (ReadTileset(item, fullPath, username, log) is not { } tileset
                || ReadOptions(new ItemRef(item, fullPath, tileset), username ?? UnknownAccount, apiUrl, log) is not { } tilesetItem)
            {
                continue;
            }

            if (byTileset.TryGetValue(tileset, out var first))
            {
                log.Error(ErrorCodes.DuplicateTileset,
                    $"'{item.ItemSpec}' and '{first.Ref.Spec}' both upload to tileset {tileset}; the second would replace the first",
                    fullPath);
                continue;
            }

            byTileset.Add(tileset, tilesetItem);
            read.Add(tilesetItem);
        }

        return read;
    }

    private static TilesetId? ReadTileset(ITaskItem item, string fullPath, string? username, BuildLog log)
    {
        var mapId = item.GetMetadata("MapId").Trim();
        if (mapId.Length == 0)
        {
            log.Error(ErrorCodes.MapIdMissing, $"MapboxTileset '{item.ItemSpec}' has no MapId", fullPath);
            return null;
        }

        var owner = item.GetMetadata("Owner").Trim();
        if (!TilesetId.TryParse(mapId, owner.Length > 0 ? owner : username ?? UnknownAccount, out var tileset, out var problem))
        {
            log.Error(ErrorCodes.MapIdInvalid, $"MapId '{mapId}' of '{item.ItemSpec}' is not a valid tileset id: {problem}", fullPath);
            return null;
        }

        var mismatch = owner.Length > 0 && !string.Equals(owner, tileset.Owner, StringComparison.Ordinal)
            ? $"its Owner metadata is '{owner}' but its MapId names owner '{tileset.Owner}'"
            : username is not null && !string.Equals(tileset.Owner, username, StringComparison.Ordinal)
                ? $"tileset {tileset} belongs to '{tileset.Owner}' but the access token is for '{username}'"
                : null;
        if (mismatch is not null)
        {
            log.Error(ErrorCodes.OwnerMismatch, $"MapboxTileset '{item.ItemSpec}': {mismatch}", fullPath);
            return null;
        }

        return tileset;
    }

    private static TilesetItem? ReadOptions(ItemRef item, string account, string apiUrl, BuildLog log)
    {
        var name = item.Source.GetMetadata("Name");
        if (TilesetId.CheckName(name) is { } nameProblem)
        {
            log.Error(ErrorCodes.NameTooLong, $"Name of '{item.Spec}' (tileset {item.Tileset}): {nameProblem}", item.FullPath);
            return null;
        }

        var patch = ReadFlag(item, "Patch", log);
        var bypass = ReadFlag(item, "BypassValidation", log);
        var validate = ReadFlag(item, "Validate", log);
        var allowEmpty = ReadFlag(item, "AllowEmpty", log);
        if (!patch.Ok || !bypass.Ok || !validate.Ok || !allowEmpty.Ok)
        {
            return null;
        }

        var parameters = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (name.Length > 0)
        {
            parameters["name"] = name;
        }

        if (patch.Value is { } patchValue)
        {
            parameters["patch"] = patchValue ? "true" : "false";
        }

        if (bypass.Value is { } bypassValue)
        {
            parameters["bypassValidation"] = bypassValue ? "true" : "false";
        }

        var inputs = new ItemInputs(item.Tileset.ToString(), account, apiUrl, parameters);
        return new TilesetItem(new PipelineItem(item, inputs), name.Length > 0 ? name : null, patch.Value, bypass.Value, validate.Value ?? true, allowEmpty.Value ?? false);
    }

    private static (bool Ok, bool? Value) ReadFlag(ItemRef item, string metadata, BuildLog log)
    {
        var text = item.Source.GetMetadata(metadata).Trim();
        if (text.Length == 0)
        {
            return (true, null);
        }

        if (bool.TryParse(text, out var parsed))
        {
            return (true, parsed);
        }

        log.Error(ErrorCodes.MetadataInvalid,
            $"{metadata}='{text}' on '{item.Spec}' (tileset {item.Tileset}) is neither true nor false", item.FullPath);
        return (false, null);
    }

    private static string FullPathOf(ITaskItem item)
    {
        var fullPath = item.GetMetadata("FullPath");
        return fullPath.Length > 0 ? fullPath : Path.GetFullPath(item.ItemSpec);
    }
}
