using System;
using System.Collections.Concurrent;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// Decides which Tiling Service jobs fail or finish with a warning. Rules are read when a job starts processing.
/// Without a rule, a job fails when a layer's source is missing or holds no features, and succeeds otherwise.
/// </summary>
public sealed class TilesetProcessingRules
{
    /// <summary>The error of a job whose sources hold no line that is a Feature, as the real service words it.</summary>
    public const string NoFeatures = "No GeoJSON features processed";

    /// <summary>A warning the real service gives when tiles exceed its size cap.</summary>
    public const string TileSizeWarning = "Some tiles exceeded the 500 KB tile size limit: features were dropped.";

    private readonly ConcurrentDictionary<string, string> _errorsByTileset = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _warningsByTileset = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _changesetErrorsByTileset = new(StringComparer.Ordinal);

    /// <summary>Makes every job of <paramref name="tileset"/> fail with <paramref name="error"/>.</summary>
    /// <param name="tileset">A full <c>owner.id</c>, or a bare id that matches it under any owner.</param>
    /// <param name="error">The job's error.</param>
    public void FailTileset(string tileset, string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tileset);
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        _errorsByTileset[tileset] = error;
    }

    /// <summary>Makes every changeset job (publish-changesets) of <paramref name="tileset"/> fail with <paramref name="error"/>; its publishes still succeed.</summary>
    /// <param name="tileset">A full <c>owner.id</c>, or a bare id that matches it under any owner.</param>
    /// <param name="error">The job's error.</param>
    public void FailChangesets(string tileset, string error)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tileset);
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        _changesetErrorsByTileset[tileset] = error;
    }

    /// <summary>Makes every job of <paramref name="tileset"/> succeed with <paramref name="warning"/>.</summary>
    /// <param name="tileset">A full <c>owner.id</c>, or a bare id that matches it under any owner.</param>
    /// <param name="warning">The job's warning, e.g. <see cref="TileSizeWarning"/>.</param>
    public void WarnTileset(string tileset, string warning)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tileset);
        ArgumentException.ThrowIfNullOrWhiteSpace(warning);
        _warningsByTileset[tileset] = warning;
    }

    /// <summary>Forgets every rule.</summary>
    public void Clear()
    {
        _errorsByTileset.Clear();
        _warningsByTileset.Clear();
        _changesetErrorsByTileset.Clear();
    }

    internal string? ErrorFor(string tileset) => Find(_errorsByTileset, tileset);

    internal string? ChangesetErrorFor(string tileset) => Find(_changesetErrorsByTileset, tileset);

    internal string? WarningFor(string tileset) => Find(_warningsByTileset, tileset);

    private static string? Find(ConcurrentDictionary<string, string> rules, string tileset) =>
        rules.TryGetValue(tileset, out var text) || rules.TryGetValue(tileset[(tileset.IndexOf('.') + 1)..], out text) ? text : null;
}
