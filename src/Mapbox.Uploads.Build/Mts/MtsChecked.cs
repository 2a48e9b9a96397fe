using System.Collections.Generic;
using Mapbox.Uploads.Validation;
using Mapbox.Uploads.Validation.Raster;

namespace Mapbox.Uploads.Build;

/// <summary>A source whose files passed their checks: the content of each file and whether it must go up again.</summary>
/// <param name="Group">The source.</param>
/// <param name="Contents">Each file's content, in the group's order.</param>
/// <param name="Changed">True when any file, or the set of files, differs from its last successful upload.</param>
/// <param name="Size">The source's bytes on Mapbox after this build, as <see cref="SourceSize"/> reckons them.</param>
internal sealed record CheckedSource(SourceGroup Group, IReadOnlyList<ContentFingerprint> Contents, bool Changed, SourceSize Size)
{
    /// <summary>For a source read by a recipe with <c>"incremental": true</c>: its features against their last published state.</summary>
    public SourceFeatures? Features { get; init; }

    /// <summary>Each file's raster facts in the group's order (null for a GeoJSON file), for the recipes' checks.</summary>
    public IReadOnlyList<RasterFileFacts?> Raster { get; init; } = [];

    /// <summary>
    /// Each file's block tags from the read that checked it in this build (null for a converted GeoJSON file; empty
    /// when the files were not read), so sending compares blocks instead of hashing again.
    /// </summary>
    public IReadOnlyList<ContentTags?> Tags { get; init; } = [];
}

/// <summary>A recipe that passed its checks, with what its publication needs.</summary>
/// <param name="Recipe">The recipe.</param>
/// <param name="SourceIds">The account's sources its layers reference.</param>
/// <param name="Known">The tileset exists on the service, by this project's record of it.</param>
/// <param name="RecipeChanged">The recipe differs from the one last sent (or none is known): validate and send it.</param>
/// <param name="InformationChanged">Name, description or privacy differ from those last sent.</param>
/// <param name="Reason">Why it is published, for the log.</param>
internal sealed record CheckedRecipe(RecipeItem Recipe, IReadOnlyList<string> SourceIds, bool Known, bool RecipeChanged, bool InformationChanged, string Reason)
{
    /// <summary>The recipe file's content, as read with the recipe.</summary>
    public ContentFingerprint Content => Recipe.Content;

    /// <summary>
    /// Only the tileset's name, description or privacy changed since a publication that succeeded, recipe and sources
    /// alike unchanged: the information is sent (a PATCH), and no job is started, since a job is billed and would
    /// make the same tiles.
    /// </summary>
    public bool InformationOnly { get; init; }

    /// <summary>The job of the last publication the stamp records, if any.</summary>
    public string? LastJobId { get; init; }

    /// <summary>A raster or rasterarray recipe: its job's failure is <see cref="ErrorCodes.RasterJobFailed"/>.</summary>
    public bool IsRaster { get; init; }

    /// <summary>The figures of the last job the stamp records, kept in the record while the tileset is up to date.</summary>
    public JobFigures? LastJobFigures { get; init; }

    /// <summary>What the last job the stamp records cost, if the stamp holds its figures.</summary>
    public LastJobCost? LastJob => LastJobFigures is { } job ? new LastJobCost(job.JobId, job.ComputeUnits, job.Filesize) : null;

    /// <summary>Why the recipe is published, for the estimate; null when it is not.</summary>
    public ProcessingReason? Why { get; init; }

    /// <summary>For a recipe with <c>"incremental": true</c>: what it is and which layer reads which source.</summary>
    public IncrementalRecipe? Incremental { get; init; }

    /// <summary>For an incremental recipe to publish: initial, reset (why) or changeset, decided before anything is sent.</summary>
    public IncrementalDecision? Plan { get; init; }

    /// <summary>For a changeset: each layer to update and the source whose changeset it gets (sources with feature changes only).</summary>
    public IReadOnlyList<(string Layer, SourceFeatures Source)> ChangesetLayers { get; init; } = [];
}
