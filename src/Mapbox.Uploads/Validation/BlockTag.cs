using System;
using System.Security.Cryptography;

namespace Mapbox.Uploads.Validation;

/// <summary>One block's tag for <see cref="ContentTags"/>: a GMAC under this process's key, or half a SHA-256 where AES-GCM is missing.</summary>
internal static class BlockTag
{
#if NET
    private const int NonceSize = 12;

    // Drawn once: tags compare only within this process, and a key nobody outside it knows keeps them unforgeable.
    private static readonly byte[] ProcessKey = RandomNumberGenerator.GetBytes(16);

    // An AesGcm instance is not safe to share between threads; each thread that tags keeps its own.
    [ThreadStatic]
    private static AesGcm? ThreadGmac;
#else
    [ThreadStatic]
    private static SHA256? ThreadSha256;
#endif

    /// <summary>Writes the tag of <paramref name="block"/>, block number <paramref name="index"/>, into <paramref name="tag"/> (16 bytes).</summary>
    public static void Compute(long index, ArraySegment<byte> block, Span<byte> tag)
    {
#if NET
        if (AesGcm.IsSupported)
        {
            // The block's number as nonce: the same bytes at another place tag differently.
            Span<byte> nonce = stackalloc byte[NonceSize];
            nonce.Clear();
            BitConverter.TryWriteBytes(nonce, index);
            (ThreadGmac ??= new AesGcm(ProcessKey, ContentTags.TagSize)).Encrypt(nonce, ReadOnlySpan<byte>.Empty, Span<byte>.Empty, tag, block.AsSpan());
            return;
        }

        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(block.AsSpan(), digest);
        digest.Slice(0, ContentTags.TagSize).CopyTo(tag);
#else
        var digest = (ThreadSha256 ??= SHA256.Create()).ComputeHash(block.Array!, block.Offset, block.Count);
        new ReadOnlySpan<byte>(digest, 0, ContentTags.TagSize).CopyTo(tag);
#endif
    }
}
