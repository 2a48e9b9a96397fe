using System;
using System.Collections.Generic;
using System.Linq;

namespace Mapbox.Uploads.Emulator;

internal static class JobStage
{
    public const string Queued = "queued";
    public const string Processing = "processing";
    public const string Success = "success";
    public const string Failed = "failed";
    public const string Superseded = "superseded";
}

internal sealed record SourceRecord(string User, string Id, IReadOnlyList<StoredFile> Files);

/// <summary>A changeset: the same shape as a source (files of line-delimited GeoJSON), a separate namespace.</summary>
internal sealed record ChangesetRecord(string User, string Id, IReadOnlyList<StoredFile> Files, DateTimeOffset Created, DateTimeOffset Modified);

internal sealed class TilesetRecord(string id, string recipeJson, string name, string? description, bool isPrivate, DateTimeOffset created)
{
    public string Id { get; } = id;

    public string RecipeJson { get; set; } = recipeJson;

    public string Name { get; set; } = name;

    public string? Description { get; set; } = description;

    public bool Private { get; set; } = isPrivate;

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset Modified { get; set; } = created;

    public List<JobRecord> Jobs { get; } = [];

    /// <summary>The recipe of the last publish while the recipe had <c>"incremental": true</c>; null when the last publish was not incremental.</summary>
    public string? IncrementalRecipeJson { get; set; }

    /// <summary>What the tiles hold: per layer, the features of the last successful job.</summary>
    public Dictionary<string, LayerFeatures> Features { get; set; } = new(StringComparer.Ordinal);
}

internal sealed class JobRecord(string id, string tilesetId, DateTimeOffset created)
{
    public string Id { get; } = id;

    public string TilesetId { get; } = tilesetId;

    public DateTimeOffset Created { get; } = created;

    public string Stage { get; set; } = JobStage.Queued;

    public DateTimeOffset? Started { get; set; }

    public DateTimeOffset? Completed { get; set; }

    public DateTimeOffset? Published { get; set; }

    public HashSet<string> SourceKeys { get; set; } = [];

    public List<string> Errors { get; } = [];

    public List<string> Warnings { get; } = [];

    public Dictionary<string, int> LayerFeatures { get; } = new(StringComparer.Ordinal);

    /// <summary>The bytes of the sources the job processed (each once), the job's <c>filesize</c>.</summary>
    public long Filesize { get; set; }

    public HashSet<string> ProcessedSources { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// A made-up compute-unit figure, only so that every output can be tested: 0.3 for the job, plus 0.1 per
    /// megabyte (10^6 bytes) processed and 0.001 per feature, rounded to 3 decimals. Mapbox's own formula is not published.
    /// </summary>
    public double ComputeUnits => Math.Round(0.3 + Filesize / 1e7 + LayerFeatures.Values.Sum() * 0.001, 3);

    /// <summary><c>initial</c> or <c>reset</c> for a publish of an incremental recipe; null otherwise.</summary>
    public string? Incremental { get; init; }

    /// <summary>Layer to changeset key (<c>user/id</c>) for a changeset job; null for a publish.</summary>
    public IReadOnlyDictionary<string, string>? Changesets { get; init; }

    /// <summary>The layers' features this job makes, from when it starts until it finishes; applied only on success.</summary>
    public Dictionary<string, LayerFeatures>? Result { get; set; }
}
