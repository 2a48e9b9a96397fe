using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace Mapbox.Uploads.Changesets;

/// <summary>
/// The external sort-merge behind <see cref="FeatureIndex.Build(string, CancellationToken)"/> and
/// <see cref="ChangesetDiff"/>. One read of the new file digests each feature into bounded sorted runs; one streaming
/// pass merges the runs with the old index (both in index order), writing the new index, counting, finding duplicate
/// ids as adjacent equal keys, marking the added and changed features (one bit per feature) and writing the removed
/// ids' delete markers aside. When features were added or changed, a second read of the new file copies their lines
/// out without parsing them; the delete markers follow. Memory: one run, a buffer per run, the bits.
/// </summary>
internal static class FeatureMerge
{
    private static readonly byte[] DeleteStart = Encoding.ASCII.GetBytes("{\"id\":");
    private static readonly byte[] DeleteEnd = Encoding.ASCII.GetBytes(",\"delete\":true}\n");

    /// <summary>Reads <paramref name="newPath"/> into a new index and, given the old one and an output, writes the changeset.</summary>
    public static ChangesetResult Run(string newPath, FeatureIndex? old, Stream? changeset, SortOptions options, CancellationToken cancellationToken)
    {
        var sourceBytes = File.Exists(newPath) ? new FileInfo(newPath).Length : 0;
        using var runs = new FeatureRuns(options);
        using (var sha256 = SHA256.Create())
        {
            var scratch = new byte[32];
            if (SourceFeatureReader.Read(newPath, (line, rawId, offset) => runs.Add(rawId, FeatureDigest.Of(line, sha256, scratch), offset), cancellationToken) is { } problem)
            {
                return Refused(newPath, problem, sourceBytes);
            }
        }

        var index = SpillFile.Create(options.TempDirectory);
        try
        {
            using var deletes = changeset is null ? null : SpillFile.Create(options.TempDirectory);
            var marked = new ulong[(runs.Total + 63) / 64];
            var merged = runs.Merge();
            var tally = old is null
                ? Merge(merged, null, index, deletes, marked, cancellationToken)
                : old.ReadEntries(options.Hash, entries => Merge(merged, entries, index, deletes, marked, cancellationToken));
            if (tally.Duplicate is { } duplicate)
            {
                index.Dispose();
                return Refused(newPath, duplicate, sourceBytes);
            }

            long changedBytes = 0, written = 0;
            if (changeset is not null)
            {
                var output = new BufferedStream(changeset, 1024 * 1024);
                if (tally.Added + tally.Changed > 0)
                {
                    (changedBytes, written) = CopyMarked(newPath, marked, runs.Total, output, cancellationToken);
                }

                deletes!.Flush();
                deletes.Position = 0;
                deletes.CopyTo(output);
                written += deletes.Length;
                output.Flush();
            }

            index.Flush();
            var counts = new ChangesetCounts(tally.Added, tally.Changed, tally.Removed, tally.Unchanged, written, changedBytes, sourceBytes);
            return new ChangesetResult(new FeatureIndex(index, runs.Total), null, counts);
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    private static ChangesetResult Refused(string path, OffsetProblem problem, long sourceBytes) =>
        new(null, SourceFeatureReader.Place(path, problem), new ChangesetCounts(0, 0, 0, 0, 0, 0, sourceBytes));

    private static Tally Merge(FeatureRuns.Merged fresh, IndexEntries.Reader? previous, Stream index, Stream? deletes, ulong[] marked, CancellationToken cancellationToken)
    {
        var tally = new Tally();
        var scratch = new byte[FeatureDigest.Size + 5];
        var output = new BufferedStream(index, 1024 * 1024);
        var last = new LastEntry();
        var hasNew = fresh.MoveNext();
        var hasOld = previous?.MoveNext() ?? false;
        for (long step = 1; hasNew || hasOld; step++)
        {
            if ((step & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var now = hasNew ? fresh.Current! : null;
            var order = now is null ? 1 : hasOld ? SortedEntry.Compare(now, previous!) : -1;
            if (order > 0)
            {
                tally.Removed++;
                if (deletes is not null)
                {
                    WriteDelete(deletes, previous!.Id);
                }

                hasOld = previous!.MoveNext();
                continue;
            }

            if (last.IsSameId(now!))
            {
                var (first, second) = last.Offset < now!.Offset ? (last.Offset, now.Offset) : (now.Offset, last.Offset);
                tally.Duplicate = new OffsetProblem(FeatureProblemKind.DuplicateId, second,
                    $"The feature's id {Encoding.UTF8.GetString(now.Id.ToArray())} is also the id of the feature at {{other}}.", first);
                break;
            }

            last.Take(now!);
            IndexEntries.Write(output, now!.Digest, now.Id, scratch);
            if (order == 0 && previous!.Digest.Equals(now.Digest))
            {
                tally.Unchanged++;
            }
            else
            {
                if (order == 0)
                {
                    tally.Changed++;
                }
                else
                {
                    tally.Added++;
                }

                marked[now.Number >> 6] |= 1UL << (now.Number & 63);
            }

            if (order == 0)
            {
                hasOld = previous!.MoveNext();
            }

            hasNew = fresh.MoveNext();
        }

        output.Flush();
        return tally;
    }

    /// <summary>Reads the new file again and copies the marked features' lines; returns their bytes and the bytes written.</summary>
    private static (long LineBytes, long Written) CopyMarked(string path, ulong[] marked, int features, Stream output, CancellationToken cancellationToken)
    {
        long lineBytes = 0, written = 0;
        var number = 0;
        var problem = SourceFeatureReader.Read(path, (line, _, _) =>
        {
            if (number < features && (marked[number >> 6] & (1UL << (number & 63))) != 0)
            {
                IndexEntries.WriteAll(output, line);
                output.WriteByte((byte)'\n');
                lineBytes += line.Length;
                written += line.Length + 1;
            }

            number++;
        }, cancellationToken, readMembers: false);
        if (problem is not null || number != features)
        {
            throw new IOException($"{path} changed while its changeset was written; build again.");
        }

        return (lineBytes, written);
    }

    private static void WriteDelete(Stream output, ReadOnlySpan<byte> rawId)
    {
        output.Write(DeleteStart, 0, DeleteStart.Length);
        IndexEntries.WriteAll(output, rawId);
        output.Write(DeleteEnd, 0, DeleteEnd.Length);
    }

    private sealed class Tally
    {
        public long Added;
        public long Changed;
        public long Removed;
        public long Unchanged;
        public OffsetProblem? Duplicate;
    }

    /// <summary>The previous new entry: a duplicate id is the same key twice in a row.</summary>
    private sealed class LastEntry
    {
        private byte[] _id = new byte[64];
        private int _length = -1;
        private ulong _hash;

        public long Offset { get; private set; }

        public bool IsSameId(SortedEntry entry) =>
            _length >= 0 && entry.Hash == _hash && FeatureId.Key(_id.AsSpan(0, _length)).AsSpan().SequenceEqual(entry.Key);

        public void Take(FeatureRuns.RunReader entry)
        {
            if (_id.Length < entry.IdLength)
            {
                _id = new byte[entry.IdLength * 2];
            }

            entry.Id.CopyTo(_id);
            _length = entry.IdLength;
            _hash = entry.Hash;
            Offset = entry.Offset;
        }
    }
}
