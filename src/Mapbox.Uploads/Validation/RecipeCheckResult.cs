using System.Collections.Generic;

namespace Mapbox.Uploads.Validation;

/// <summary>The outcome of <see cref="RecipeValidator.Check"/>.</summary>
public sealed class RecipeCheckResult
{
    /// <summary>The <see cref="Type"/> of a recipe without <c>type</c>: vector tiles from line-delimited GeoJSON.</summary>
    public const string Vector = "vector";

    internal RecipeCheckResult(IReadOnlyList<RecipeProblem> problems, IReadOnlyList<string> sourceIds, string type, IReadOnlyDictionary<string, string> crsBySource)
    {
        Problems = problems;
        SourceIds = sourceIds;
        Type = type;
        CrsBySource = crsBySource;
    }

    /// <summary>What the recipe makes: <c>vector</c>, <c>raster</c> or <c>rasterarray</c>.</summary>
    public string Type { get; }

    /// <summary>True for a raster or rasterarray recipe.</summary>
    public bool IsRaster => Type != Vector;

    /// <summary>The <c>crs</c> a raster recipe gives a source (by source id), for files that name none.</summary>
    public IReadOnlyDictionary<string, string> CrsBySource { get; }

    /// <summary>Every problem found; empty when the recipe may be sent.</summary>
    public IReadOnlyList<RecipeProblem> Problems { get; }

    /// <summary>The ids of the account's tileset sources the recipe's layers reference, each once, in order of appearance.</summary>
    public IReadOnlyList<string> SourceIds { get; }

    /// <summary>True when no problem was found.</summary>
    public bool IsValid => Problems.Count == 0;
}
