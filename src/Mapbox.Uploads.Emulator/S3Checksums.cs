using System;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// Verifies the integrity headers S3 verifies on a PUT object or upload part: <c>Content-MD5</c> and
/// <c>x-amz-checksum-crc32</c>, <c>-crc32c</c>, <c>-sha1</c>, <c>-sha256</c>. A body that does not match is refused
/// with <c>BadDigest</c> and not stored; a value that is not base64 of the right length is <c>InvalidDigest</c> or
/// <c>InvalidRequest</c>, as S3 answers.
/// </summary>
internal static class S3Checksums
{
    private static readonly (string Header, string Name, Func<ReadOnlyMemory<byte>, byte[]> Compute)[] Algorithms =
    [
        ("x-amz-checksum-crc32", "CRC32", content => BigEndian(Crc32(content.Span))),
        ("x-amz-checksum-crc32c", "CRC32C", content => BigEndian(Crc32C(content.Span))),
        ("x-amz-checksum-sha1", "SHA1", content => SHA1.HashData(content.Span)),
        ("x-amz-checksum-sha256", "SHA256", content => SHA256.HashData(content.Span)),
    ];

    private static readonly uint[] Crc32Table = BuildCrc32Table();

    public static IResult? Refuse(HttpRequest request, ReadOnlyMemory<byte> content)
    {
        var md5 = request.Headers.ContentMD5.ToString();
        if (md5.Length > 0)
        {
            if (!TryDecode(md5, MD5.HashSizeInBytes, out var sent))
            {
                return S3Responses.Error(400, "InvalidDigest", "The Content-MD5 you specified was invalid.");
            }
            if (!sent.AsSpan().SequenceEqual(MD5.HashData(content.Span)))
            {
                return S3Responses.Error(400, "BadDigest", "The Content-MD5 you specified did not match what we received.");
            }
        }
        foreach (var (header, name, compute) in Algorithms)
        {
            var value = request.Headers[header].ToString();
            if (value.Length == 0)
            {
                continue;
            }
            var expected = compute(content);
            if (!TryDecode(value, expected.Length, out var sent))
            {
                return S3Responses.Error(400, "InvalidRequest", $"Value for {header} header is invalid.");
            }
            if (!sent.AsSpan().SequenceEqual(expected))
            {
                return S3Responses.Error(400, "BadDigest", $"The {name} you specified did not match the calculated checksum.");
            }
        }
        return null;
    }

    private static bool TryDecode(string base64, int length, out byte[] bytes)
    {
        bytes = new byte[length];
        return Convert.TryFromBase64String(base64, bytes, out var written) && written == length;
    }

    private static byte[] BigEndian(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static uint Crc32C(ReadOnlySpan<byte> data)
    {
        var state = ~0u;
        var words = MemoryMarshal.Cast<byte, ulong>(data);
        foreach (var word in words)
        {
            state = BitOperations.Crc32C(state, word);
        }
        foreach (var b in data[(words.Length * sizeof(ulong))..])
        {
            state = BitOperations.Crc32C(state, b);
        }
        return ~state;
    }

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var state = ~0u;
        foreach (var b in data)
        {
            state = Crc32Table[(state ^ b) & 0xFF] ^ (state >> 8);
        }
        return ~state;
    }

    private static uint[] BuildCrc32Table()
    {
        const uint reflectedPolynomial = 0xEDB88320;
        var table = new uint[256];
        for (uint index = 0; index < table.Length; index++)
        {
            var entry = index;
            for (var bit = 0; bit < 8; bit++)
            {
                entry = (entry & 1) != 0 ? (entry >> 1) ^ reflectedPolynomial : entry >> 1;
            }
            table[index] = entry;
        }
        return table;
    }
}
