using System;
#if NET
using System.Numerics;
using System.Runtime.CompilerServices;
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
    private const uint Polynomial = 0x82F63B78; // reflected
#if NET
    // The crc32 instruction takes three cycles but the CPU starts one every cycle: three independent lanes keep it busy.
    private const int Lanes = 3;
    private const int MinInterleavedLength = 3 * 4096;
#else
    private static readonly uint[] Table = BuildTable();
#endif

    public static uint Append(uint crc, ReadOnlySpan<byte> data)
    {
        var state = ~crc;
#if NET
        if (data.Length >= MinInterleavedLength)
        {
            var laneLength = data.Length / (Lanes * sizeof(ulong)) * sizeof(ulong);
            state = Interleaved(state, data.Slice(0, Lanes * laneLength), laneLength);
            data = data.Slice(Lanes * laneLength);
        }

        state = Serial(state, data);
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

    /// <summary>
    /// The state <paramref name="state"/> becomes after <paramref name="byteCount"/> zero bytes: a multiplication by
    /// x^(8n) modulo the polynomial, which is how a lane's state is carried past the lanes that follow it.
    /// </summary>
    internal static uint ShiftByZeros(uint state, long byteCount)
    {
        var power = 1u << 31; // x^0, reflected
        var square = 1u << 23; // x^8: one zero byte
        for (var n = byteCount; n > 0; n >>= 1)
        {
            if ((n & 1) != 0)
            {
                power = Multiply(power, square);
            }

            square = Multiply(square, square);
        }

        return Multiply(power, state);
    }

    // Carry-less product of two reflected polynomials modulo the CRC polynomial.
    private static uint Multiply(uint a, uint b)
    {
        var product = 0u;
        for (var bit = 1u << 31; bit != 0; bit >>= 1)
        {
            if ((a & bit) != 0)
            {
                product ^= b;
            }

            b = (b & 1) != 0 ? (b >> 1) ^ Polynomial : b >> 1;
        }

        return product;
    }

#if NET
    private static uint Serial(uint state, ReadOnlySpan<byte> data)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (var word in words)
        {
            state = BitOperations.Crc32C(state, word);
        }

        foreach (var b in data.Slice(words.Length * sizeof(ulong)))
        {
            state = BitOperations.Crc32C(state, b);
        }

        return state;
    }

    // A CRC's state is linear: the state after A then B is the state after A shifted past |B| zeros, xor B's state from 0.
    // Fully optimized from the first call: its loop runs over a whole part, so a first tier would cost a part's worth.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static uint Interleaved(uint state, ReadOnlySpan<byte> data, int laneLength)
    {
        // Unaligned reads at byte offsets: a caller's span may start anywhere, and no bounds check sits in the loop.
        ref var first = ref MemoryMarshal.GetReference(data);
        ref var second = ref Unsafe.Add(ref first, laneLength);
        ref var third = ref Unsafe.Add(ref second, laneLength);
        uint a = state, b = 0, c = 0;
        for (var offset = 0; offset < laneLength; offset += sizeof(ulong))
        {
            a = BitOperations.Crc32C(a, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref first, offset)));
            b = BitOperations.Crc32C(b, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref second, offset)));
            c = BitOperations.Crc32C(c, Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref third, offset)));
        }

        return ShiftByZeros(ShiftByZeros(a, laneLength) ^ b, laneLength) ^ c;
    }
#else
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
