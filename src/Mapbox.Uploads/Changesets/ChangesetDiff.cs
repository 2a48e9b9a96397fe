using System;
using System.IO;
using System.Threading;

namespace Mapbox.Uploads.Changesets;

/// <summary>What a diff of a source file against its last published index found and wrote.</summary>
public sealed class ChangesetResult
{
    internal ChangesetResult(FeatureIndex? index, FeatureProblem? problem, ChangesetCounts counts)
    {
        Index = index;
        Problem = problem;
        Counts = counts;
    }

    /// <summary>The new file's index, to keep once the changeset has been published; null when <see cref="Problem"/> is set.</summary>
    public FeatureIndex? Index { get; }

    /// <summary>What keeps the file from being diffed by id; the changeset written is then incomplete and must not be sent.</summary>
    public FeatureProblem? Problem { get; }

    /// <summary>The counts and sizes.</summary>
    public ChangesetCounts Counts { get; }
}

/// <summary>The features a changeset adds, changes and removes, and its size against the source's.</summary>
public sealed class ChangesetCounts
{
    /// <summary>Creates the counts.</summary>
    /// <param name="added">Features whose id the old state did not have.</param>
    /// <param name="changed">Features whose id it had, with other bytes.</param>
    /// <param name="removed">Ids it had that the new file does not (one delete marker each).</param>
    /// <param name="unchanged">Features sent before with the same bytes.</param>
    /// <param name="changesetBytes">The changeset file's length.</param>
    /// <param name="changedFeatureBytes">The added and changed features' line bytes.</param>
    /// <param name="sourceBytes">The new file's length.</param>
    public ChangesetCounts(long added, long changed, long removed, long unchanged, long changesetBytes, long changedFeatureBytes, long sourceBytes)
    {
        Added = added;
        Changed = changed;
        Removed = removed;
        Unchanged = unchanged;
        ChangesetBytes = changesetBytes;
        ChangedFeatureBytes = changedFeatureBytes;
        SourceBytes = sourceBytes;
    }

    /// <summary>Features whose id the old state did not have.</summary>
    public long Added { get; }

    /// <summary>Features whose id it had, with other bytes.</summary>
    public long Changed { get; }

    /// <summary>Ids it had that the new file does not (one delete marker each).</summary>
    public long Removed { get; }

    /// <summary>Features sent before with the same bytes.</summary>
    public long Unchanged { get; }

    /// <summary>The changeset file's length.</summary>
    public long ChangesetBytes { get; }

    /// <summary>The added and changed features' line bytes (without line breaks).</summary>
    public long ChangedFeatureBytes { get; }

    /// <summary>The new file's length.</summary>
    public long SourceBytes { get; }

    /// <summary>The features in the new file.</summary>
    public long Features => Added + Changed + Unchanged;

    /// <summary>Whether the changeset has nothing to send.</summary>
    public bool IsEmpty => Added + Changed + Removed == 0;

    /// <summary>The share of features touched (added, changed or removed), in percent of the larger of the old and new counts.</summary>
    public double ChangePercent
    {
        get
        {
            var basis = Math.Max(Features, Unchanged + Changed + Removed);
            return basis == 0 ? 0 : 100.0 * (Added + Changed + Removed) / basis;
        }
    }

    /// <summary><c>+added ~changed -removed</c>.</summary>
    public override string ToString() => $"+{Added} ~{Changed} -{Removed}";
}

/// <summary>
/// Streams a source file against the index of its last published state and writes the changeset: the added and changed
/// features' lines as they are sent in the source (line-delimited GeoJSON), in the file's order, then a
/// <c>{"id":X,"delete":true}</c> marker for each removed id. An external sort-merge (<see cref="FeatureMerge"/>): memory
/// is bounded by one sorted run of the new file's entries, whatever the source's size; the temporary files are deleted
/// before it returns, on failure and cancellation too.
/// </summary>
public static class ChangesetDiff
{
    /// <summary>Diffs <paramref name="newPath"/> against <paramref name="old"/> and writes the changeset to <paramref name="changeset"/>.</summary>
    /// <param name="newPath">The source file as it is now (line-delimited GeoJSON or GeoJSON).</param>
    /// <param name="old">The index of the last published state.</param>
    /// <param name="changeset">Receives the changeset's lines.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The new index (dispose it once it is kept or dropped) and the counts, or the problem that keeps the file from being diffed.</returns>
    public static ChangesetResult Write(string newPath, FeatureIndex old, Stream changeset, CancellationToken cancellationToken = default) =>
        Write(newPath, old, changeset, SortOptions.Default, cancellationToken);

    internal static ChangesetResult Write(string newPath, FeatureIndex old, Stream changeset, SortOptions options, CancellationToken cancellationToken) =>
        FeatureMerge.Run(newPath, old ?? throw new ArgumentNullException(nameof(old)), changeset ?? throw new ArgumentNullException(nameof(changeset)), options, cancellationToken);
}
