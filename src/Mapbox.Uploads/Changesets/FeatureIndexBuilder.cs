using System;

namespace Mapbox.Uploads.Changesets;

/// <summary>
/// Collects the features of one read in fixed small entries (hash, digest, file offset, id token) and sorts them into a
/// <see cref="FeatureIndex"/>, finding duplicate ids on the way: equal hashes whose keys are equal.
/// </summary>
internal sealed class FeatureIndexBuilder
{
    private ulong[] _hashes = new ulong[1024];
    private FeatureDigest[] _digests = new FeatureDigest[1024];
    private long[] _offsets = new long[1024];
    private int[] _idStarts = new int[1025];
    private byte[] _ids = new byte[16 * 1024];
    private int _count;

    public int Count => _count;

    /// <summary>Adds a feature; returns its id's comparison key and hash.</summary>
    public (ulong Hash, byte[] Key) Add(ReadOnlySpan<byte> rawId, FeatureDigest digest, long offset)
    {
        if (_count == _hashes.Length)
        {
            var size = _count * 2;
            Array.Resize(ref _hashes, size);
            Array.Resize(ref _digests, size);
            Array.Resize(ref _offsets, size);
            Array.Resize(ref _idStarts, size + 1);
        }

        var start = _idStarts[_count];
        if (start + rawId.Length > _ids.Length)
        {
            Array.Resize(ref _ids, Math.Max(_ids.Length * 2, start + rawId.Length));
        }

        rawId.CopyTo(_ids.AsSpan(start));
        var key = FeatureId.Key(rawId);
        var hash = FeatureId.Hash(key);
        _hashes[_count] = hash;
        _digests[_count] = digest;
        _offsets[_count] = offset;
        _idStarts[++_count] = start + rawId.Length;
        return (hash, key);
    }

    /// <summary>The sorted index, or the first duplicate id (the later feature, naming the earlier one's place as <c>{other}</c>).</summary>
    public (FeatureIndex? Index, OffsetProblem? Duplicate) Build()
    {
        var order = new int[_count];
        for (var i = 0; i < _count; i++)
        {
            order[i] = i;
        }

        var sortedHashes = new ulong[_count];
        Array.Copy(_hashes, sortedHashes, _count);
        Array.Sort(sortedHashes, order);
        for (var i = 1; i < _count; i++)
        {
            if (sortedHashes[i] == sortedHashes[i - 1] && FindDuplicate(sortedHashes, order, i) is { } duplicate)
            {
                return (null, duplicate);
            }
        }

        var digests = new FeatureDigest[_count];
        var ids = new byte[_idStarts[_count]];
        var idStarts = new int[_count + 1];
        var written = 0;
        for (var i = 0; i < _count; i++)
        {
            var from = order[i];
            digests[i] = _digests[from];
            var id = Id(from);
            id.CopyTo(ids.AsSpan(written));
            idStarts[i] = written;
            written += id.Length;
        }

        idStarts[_count] = written;
        return (new FeatureIndex(sortedHashes, digests, ids, idStarts, _count), null);
    }

    private ReadOnlySpan<byte> Id(int i) => _ids.AsSpan(_idStarts[i], _idStarts[i + 1] - _idStarts[i]);

    private OffsetProblem? FindDuplicate(ulong[] sortedHashes, int[] order, int i)
    {
        // Compare with every earlier entry of the same hash: a collision of different ids is no duplicate.
        var key = FeatureId.Key(Id(order[i]));
        for (var j = i - 1; j >= 0 && sortedHashes[j] == sortedHashes[i]; j--)
        {
            if (FeatureId.Key(Id(order[j])).AsSpan().SequenceEqual(key))
            {
                var (first, second) = _offsets[order[i]] < _offsets[order[j]] ? (order[i], order[j]) : (order[j], order[i]);
                var id = System.Text.Encoding.UTF8.GetString(Id(second).ToArray());
                return new OffsetProblem(FeatureProblemKind.DuplicateId, _offsets[second],
                    $"The feature's id {id} is also the id of the feature at {{other}}.",
                    _offsets[first]);
            }
        }

        return null;
    }
}
