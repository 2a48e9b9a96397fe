namespace Mapbox.Uploads.Changesets;

/// <summary>What keeps a source from being diffed by feature id.</summary>
public enum FeatureProblemKind
{
    /// <summary>A line or a member of <c>features</c> is not a JSON object (or the file is not GeoJSON).</summary>
    NotAFeature,

    /// <summary>A feature has no <c>id</c>.</summary>
    MissingId,

    /// <summary>A feature's <c>id</c> is neither a string nor a number.</summary>
    InvalidId,

    /// <summary>Two features have the same id (<see cref="FeatureId"/> says which ids are the same).</summary>
    DuplicateId,

    /// <summary>A feature has a top-level <c>delete</c> member, which a changeset reads as a deletion.</summary>
    DeleteMember,
}

/// <summary>A problem of one feature, with its place in the file (1-based line, column in UTF-16 code units).</summary>
public sealed class FeatureProblem
{
    /// <summary>Creates a problem.</summary>
    /// <param name="kind">What is wrong.</param>
    /// <param name="message">What is wrong and how to fix it.</param>
    /// <param name="line">The feature's line.</param>
    /// <param name="column">The column of the feature's <c>{</c>.</param>
    public FeatureProblem(FeatureProblemKind kind, string message, int line, int column)
    {
        Kind = kind;
        Message = message;
        Line = line;
        Column = column;
    }

    /// <summary>What is wrong.</summary>
    public FeatureProblemKind Kind { get; }

    /// <summary>What is wrong and how to fix it, naming the other feature of a duplicate by its line and column.</summary>
    public string Message { get; }

    /// <summary>The feature's line.</summary>
    public int Line { get; }

    /// <summary>The column of the feature's <c>{</c>.</summary>
    public int Column { get; }
}
