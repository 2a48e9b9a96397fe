using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Mapbox.Uploads.Changesets;

/// <summary>
/// The first 128 bits of the SHA-256 of a feature's line bytes: two features with the same digest are taken as the same
/// bytes (a chance collision is far below one in 10^18 for a billion features).
/// </summary>
internal readonly struct FeatureDigest : IEquatable<FeatureDigest>
{
    public const int Size = 16;

    public FeatureDigest(ulong high, ulong low)
    {
        High = high;
        Low = low;
    }

    public ulong High { get; }

    public ulong Low { get; }

    public static FeatureDigest Of(ReadOnlySpan<byte> line, SHA256 sha256, byte[] scratch)
    {
#if NET
        SHA256.HashData(line, scratch);
#else
        var copy = System.Buffers.ArrayPool<byte>.Shared.Rent(line.Length);
        line.CopyTo(copy);
        var hash = sha256.ComputeHash(copy, 0, line.Length);
        System.Buffers.ArrayPool<byte>.Shared.Return(copy);
        hash.CopyTo(scratch, 0);
#endif
        return Read(scratch);
    }

    public static FeatureDigest Read(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes.Slice(8)));

    public void Write(Span<byte> bytes)
    {
        BinaryPrimitives.WriteUInt64BigEndian(bytes, High);
        BinaryPrimitives.WriteUInt64BigEndian(bytes.Slice(8), Low);
    }

    public bool Equals(FeatureDigest other) => High == other.High && Low == other.Low;

    public override bool Equals(object? obj) => obj is FeatureDigest other && Equals(other);

    public override int GetHashCode() => High.GetHashCode() ^ Low.GetHashCode();
}
