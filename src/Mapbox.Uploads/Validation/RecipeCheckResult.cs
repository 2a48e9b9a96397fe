using System.Collections.Generic;

namespace Mapbox.Uploads.Validation;

/// <summary>The outcome of <see cref="RecipeValidator.Check"/>.</summary>
public sealed class RecipeCheckResult
{
    internal RecipeCheckResult(IReadOnlyList<RecipeProblem> problems, IReadOnlyList<string> sourceIds)
    {
        Problems = problems;
        SourceIds = sourceIds;
    }

    /// <summary>Every problem found; empty when the recipe may be sent.</summary>
    public IReadOnlyList<RecipeProblem> Problems { get; }

    /// <summary>The ids of the account's tileset sources the recipe's layers reference, each once, in order of appearance.</summary>
    public IReadOnlyList<string> SourceIds { get; }

    /// <summary>True when no problem was found.</summary>
    public bool IsValid => Problems.Count == 0;
}
