using System;
using System.Collections.Concurrent;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// Decides which uploads fail and with which error. Rules are read when an upload is created, so set
/// them up before creating the upload they are meant for.
/// </summary>
public sealed class ProcessingRules
{
    private readonly ConcurrentDictionary<string, string> _errorsByTileset = new(StringComparer.Ordinal);

    /// <summary>
    /// Whether the staged content is looked at: JSON that does not parse fails with
    /// <see cref="UploadErrors.GeoJsonParseFailed"/>, binary content of no supported type with
    /// <see cref="UploadErrors.UnknownFiletype"/>. On by default.
    /// </summary>
    public bool InspectContent { get; set; } = true;

    /// <summary>Makes every upload to <paramref name="tileset"/> fail with <paramref name="error"/>.</summary>
    /// <param name="tileset">A full <c>owner.id</c>, or a bare id that matches it under any owner.</param>
    /// <param name="error">The status's error, usually one of <see cref="UploadErrors"/>.</param>
    public void FailTileset(string tileset, string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tileset);
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        _errorsByTileset[tileset] = error;
    }

    /// <summary>Forgets every <see cref="FailTileset"/> rule (content inspection stays as set).</summary>
    public void Clear() => _errorsByTileset.Clear();

    internal string? DecideError(string tileset, ReadOnlySpan<byte> stagedContent, bool hasContent)
    {
        if (_errorsByTileset.TryGetValue(tileset, out var error))
        {
            return error;
        }
        var id = tileset[(tileset.IndexOf('.') + 1)..];
        if (_errorsByTileset.TryGetValue(id, out error))
        {
            return error;
        }
        return InspectContent && hasContent ? ContentInspector.FindError(stagedContent) : null;
    }
}
