using System;
#if NET
using System.Numerics;
using System.Runtime.InteropServices;
#endif

namespace Mapbox.Uploads.Staging;

/// <summary>
/// CRC-32C (Castagnoli), the checksum sent as <c>x-amz-checksum-crc32c</c> so S3 refuses a part that was altered on the
/// way. Chosen over Content-MD5 and SHA-256 because the CPU computes it in hardware at several GB/s: the staging path
/// already spends its CPU on the whole file's SHA-256.
/// </summary>
internal static class Crc32C
{
#if !NET
    private const uint Polynomial = 0x82F63B78; // reflected
    private static readonly uint[] Table = BuildTable();
#endif

    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var state = ~crc;
#if NET
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (var word in words)
        {
            state = BitOperations.Crc32C(state, word);
        }

        foreach (var b in data.Slice(words.Length * sizeof(ulong)))
        {
            state = BitOperations.Crc32C(state, b);
        }
#else
        foreach (var b in data)
        {
            state = Table[(state ^ b) & 0xFF] ^ (state >> 8);
        }
#endif
        return ~state;
    }

    /// <summary>The header value: the checksum's four bytes, big-endian, in base64.</summary>
    public static string ToBase64(uint crc) =>
        Convert.ToBase64String(new[] { (byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc });

#if !NET
    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var entry = i;
            for (var bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? (entry >> 1) ^ Polynomial : entry >> 1;
            }

            table[i] = entry;
        }

        return table;
    }
#endif
}
