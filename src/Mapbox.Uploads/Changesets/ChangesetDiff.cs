using System;
using System.IO;
using System.Security.Cryptography;
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
/// features' lines as they are sent in the source (line-delimited GeoJSON), then a <c>{"id":X,"delete":true}</c> marker
/// for each removed id. One read of the new file; memory holds the old index, the new file's fixed small entries and
/// one feature.
/// </summary>
public static class ChangesetDiff
{
    private static readonly byte[] DeleteStart = System.Text.Encoding.ASCII.GetBytes("{\"id\":");
    private static readonly byte[] DeleteEnd = System.Text.Encoding.ASCII.GetBytes(",\"delete\":true}\n");

    /// <summary>Diffs <paramref name="newPath"/> against <paramref name="old"/> and writes the changeset to <paramref name="changeset"/>.</summary>
    /// <param name="newPath">The source file as it is now (line-delimited GeoJSON or GeoJSON).</param>
    /// <param name="old">The index of the last published state.</param>
    /// <param name="changeset">Receives the changeset's lines.</param>
    /// <param name="cancellationToken">Stops the read.</param>
    /// <returns>The new index and the counts, or the problem that keeps the file from being diffed.</returns>
    public static ChangesetResult Write(string newPath, FeatureIndex old, Stream changeset, CancellationToken cancellationToken = default)
    {
        if (old is null)
        {
            throw new ArgumentNullException(nameof(old));
        }

        var builder = new FeatureIndexBuilder();
        var seen = new bool[old.Count];
        long added = 0, changed = 0, changedBytes = 0, written = 0;
        using var sha256 = SHA256.Create();
        var scratch = new byte[32];
        var output = new BufferedStream(changeset, 1024 * 1024);
        var problem = SourceFeatureReader.Read(newPath, (line, rawId, offset) =>
        {
            var digest = FeatureDigest.Of(line, sha256, scratch);
            var (hash, key) = builder.Add(rawId, digest, offset);
            var found = old.Find(hash, key);
            if (found >= 0)
            {
                seen[found] = true;
                if (old.DigestAt(found).Equals(digest))
                {
                    return;
                }

                changed++;
            }
            else
            {
                added++;
            }

            changedBytes += line.Length;
            written += WriteLine(output, line);
        }, cancellationToken);

        long removed = 0;
        if (problem is null)
        {
            for (var i = 0; i < seen.Length; i++)
            {
                if (!seen[i])
                {
                    removed++;
                    written += WriteDelete(output, old.IdAt(i));
                }
            }
        }

        output.Flush();
        var (index, duplicate) = problem is null ? builder.Build() : (null, problem);
        var placed = duplicate is { } found ? SourceFeatureReader.Place(newPath, found) : null;
        var unchanged = builder.Count - added - changed;
        return new ChangesetResult(index, placed, new ChangesetCounts(added, changed, removed, unchanged, written, changedBytes, new FileInfo(newPath).Length));
    }

    private static long WriteLine(Stream output, ReadOnlySpan<byte> line)
    {
#if NET
        output.Write(line);
#else
        output.Write(line.ToArray(), 0, line.Length);
#endif
        output.WriteByte((byte)'\n');
        return line.Length + 1;
    }

    private static long WriteDelete(Stream output, ReadOnlySpan<byte> rawId)
    {
        output.Write(DeleteStart, 0, DeleteStart.Length);
#if NET
        output.Write(rawId);
#else
        output.Write(rawId.ToArray(), 0, rawId.Length);
#endif
        output.Write(DeleteEnd, 0, DeleteEnd.Length);
        return DeleteStart.Length + rawId.Length + DeleteEnd.Length;
    }
}
