using System;
using System.Collections.Generic;
using System.IO;
using Microsoft.Build.Framework;

namespace Mapbox.Uploads.Build;

/// <summary>Turns MapboxTileset items into entries, reporting every item problem before any request.</summary>
internal static class ItemReader
{
    /// <summary>Stands in for the account in a dry run without a token; such a run checks no ownership.</summary>
    public const string UnknownAccount = "token-account";

    /// <summary>Reads all items; entries with a problem are reported and left out.</summary>
    /// <param name="items">The MapboxTileset items.</param>
    /// <param name="username">The token's account, or null in a dry run without a token.</param>
    /// <param name="log">Where problems go.</param>
    public static List<TilesetEntry> Read(IEnumerable<ITaskItem> items, string? username, BuildLog log)
    {
        var entries = new List<TilesetEntry>();
        var byTileset = new Dictionary<TilesetId, TilesetEntry>();
        foreach (var item in items)
        {
            var entry = new TilesetEntry(item, FullPathOf(item));
            if (!TryReadTileset(entry, username, log) || !TryReadOptions(entry, log))
            {
                continue;
            }

            if (byTileset.TryGetValue(entry.Tileset, out var first))
            {
                log.Error(ErrorCodes.DuplicateTileset,
                    $"'{item.ItemSpec}' and '{first.Item.ItemSpec}' both upload to tileset {entry.Tileset}; the second would replace the first",
                    entry.FullPath);
                continue;
            }

            byTileset.Add(entry.Tileset, entry);
            entries.Add(entry);
        }

        return entries;
    }

    private static bool TryReadTileset(TilesetEntry entry, string? username, BuildLog log)
    {
        var item = entry.Item;
        var mapId = item.GetMetadata("MapId").Trim();
        if (mapId.Length == 0)
        {
            log.Error(ErrorCodes.MapIdMissing, $"MapboxTileset '{item.ItemSpec}' has no MapId", entry.FullPath);
            return false;
        }

        var owner = item.GetMetadata("Owner").Trim();
        if (!TilesetId.TryParse(mapId, owner.Length > 0 ? owner : username ?? UnknownAccount, out var tileset, out var problem))
        {
            log.Error(ErrorCodes.MapIdInvalid, $"MapId '{mapId}' of '{item.ItemSpec}' is not a valid tileset id: {problem}", entry.FullPath);
            return false;
        }

        var mismatch = owner.Length > 0 && !string.Equals(owner, tileset.Owner, StringComparison.Ordinal)
            ? $"its Owner metadata is '{owner}' but its MapId names owner '{tileset.Owner}'"
            : username is not null && !string.Equals(tileset.Owner, username, StringComparison.Ordinal)
                ? $"tileset {tileset} belongs to '{tileset.Owner}' but the access token is for '{username}'"
                : null;
        if (mismatch is not null)
        {
            log.Error(ErrorCodes.OwnerMismatch, $"MapboxTileset '{item.ItemSpec}': {mismatch}", entry.FullPath);
            return false;
        }

        entry.Tileset = tileset;
        return true;
    }

    private static bool TryReadOptions(TilesetEntry entry, BuildLog log)
    {
        var item = entry.Item;
        var name = item.GetMetadata("Name");
        if (name.Length > TilesetId.MaxNameLength)
        {
            log.Error(ErrorCodes.NameTooLong,
                $"Name of '{item.ItemSpec}' (tileset {entry.Tileset}) is {name.Length} characters long; the limit is {TilesetId.MaxNameLength}",
                entry.FullPath);
            return false;
        }

        entry.Name = name.Length > 0 ? name : null;
        var ok = TryReadFlag(entry, "Patch", log, out var patch);
        ok &= TryReadFlag(entry, "BypassValidation", log, out var bypass);
        ok &= TryReadFlag(entry, "Validate", log, out var validate);
        entry.Patch = patch;
        entry.BypassValidation = bypass;
        entry.Validate = validate ?? true;
        return ok;
    }

    private static bool TryReadFlag(TilesetEntry entry, string metadata, BuildLog log, out bool? value)
    {
        var text = entry.Item.GetMetadata(metadata).Trim();
        value = null;
        if (text.Length == 0)
        {
            return true;
        }

        if (bool.TryParse(text, out var parsed))
        {
            value = parsed;
            return true;
        }

        log.Error(ErrorCodes.MetadataInvalid,
            $"{metadata}='{text}' on '{entry.Item.ItemSpec}' (tileset {entry.Tileset}) is neither true nor false", entry.FullPath);
        return false;
    }

    private static string FullPathOf(ITaskItem item)
    {
        var fullPath = item.GetMetadata("FullPath");
        return fullPath.Length > 0 ? fullPath : Path.GetFullPath(item.ItemSpec);
    }
}
