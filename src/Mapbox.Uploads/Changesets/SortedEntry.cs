using System;

namespace Mapbox.Uploads.Changesets;

/// <summary>
/// An entry of a sorted stream: the index order is the 64-bit hash of the id's key, then the key's bytes. The hash alone
/// is not wide enough to tell ids apart (two of a billion ids collide with a chance near 3%), so equal hashes always
/// compare the real keys: a collision never matches two features nor hides a duplicate.
/// </summary>
internal abstract class SortedEntry
{
    private byte[]? _key;
    private byte[] _id = new byte[64];

    /// <summary>The hash of <see cref="Key"/>.</summary>
    public ulong Hash { get; protected set; }

    /// <summary>The feature's digest.</summary>
    public FeatureDigest Digest { get; protected set; }

    /// <summary>The id's length in <see cref="IdBuffer"/>.</summary>
    public int IdLength { get; private set; }

    /// <summary>The id's JSON token as sent.</summary>
    public ReadOnlySpan<byte> Id => _id.AsSpan(0, IdLength);

    /// <summary>The id's comparison key, computed when first asked.</summary>
    public byte[] Key => _key ??= FeatureId.Key(Id);

    /// <summary>Orders two entries; 0 means the same id.</summary>
    public static int Compare(SortedEntry a, SortedEntry b) =>
        a.Hash != b.Hash ? a.Hash.CompareTo(b.Hash) : a.Key.AsSpan().SequenceCompareTo(b.Key);

    /// <summary>Room for an id of <paramref name="length"/> bytes, to be filled by the reader; forgets the key.</summary>
    protected byte[] IdBuffer(int length)
    {
        if (_id.Length < length)
        {
            _id = new byte[Math.Max(length, _id.Length * 2)];
        }

        IdLength = length;
        _key = null;
        return _id;
    }

    /// <summary>Sets the key when the reader has computed it already.</summary>
    protected void SetKey(byte[] key) => _key = key;
}
