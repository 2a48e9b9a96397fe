using System;
using System.IO;

namespace Mapbox.Uploads.Changesets;

/// <summary>The entries of a feature index as stored: per feature its digest (16 bytes), the id token's length (LEB128) and bytes.</summary>
internal static class IndexEntries
{
    public static void Write(Stream output, FeatureDigest digest, ReadOnlySpan<byte> id, byte[] scratch)
    {
        digest.Write(scratch);
        var used = FeatureDigest.Size;
        var value = id.Length;
        while (value >= 0x80)
        {
            scratch[used++] = (byte)(value | 0x80);
            value >>= 7;
        }

        scratch[used++] = (byte)value;
        output.Write(scratch, 0, used);
        WriteAll(output, id);
    }

    /// <summary>Reads the entries of an index in order, each with its key and hash.</summary>
    internal sealed class Reader : SortedEntry
    {
        private readonly Stream _input;
        private readonly Func<byte[], ulong> _hash;
        private readonly byte[] _digest = new byte[FeatureDigest.Size];
        private long _left;

        public Reader(Stream input, long count, Func<byte[], ulong> hash)
        {
            _input = input;
            _left = count;
            _hash = hash;
        }

        public bool MoveNext()
        {
            if (_left == 0)
            {
                return false;
            }

            _left--;
            ReadExactly(_input, _digest, _digest.Length);
            Digest = FeatureDigest.Read(_digest);
            var length = ReadLength(_input);
            ReadExactly(_input, IdBuffer(length), length);
            var key = FeatureId.Key(Id);
            SetKey(key);
            Hash = _hash(key);
            return true;
        }

        private static int ReadLength(Stream input)
        {
            var value = 0;
            for (var shift = 0; shift < 32; shift += 7)
            {
                var b = input.ReadByte();
                if (b < 0)
                {
                    break;
                }

                value |= (b & 0x7F) << shift;
                if (b < 0x80)
                {
                    return value;
                }
            }

            throw new InvalidDataException("The feature index holds an id length that does not end.");
        }
    }

    public static void ReadExactly(Stream input, byte[] buffer, int count)
    {
        var done = 0;
        while (done < count)
        {
            var read = input.Read(buffer, done, count - done);
            if (read <= 0)
            {
                throw new InvalidDataException("The feature index ends inside an entry.");
            }

            done += read;
        }
    }

    /// <summary>Writes the bytes of a span on every target (netstandard2.0's Stream has no span overload).</summary>
    public static void WriteAll(Stream output, ReadOnlySpan<byte> bytes)
    {
#if NET
        output.Write(bytes);
#else
        output.Write(bytes.ToArray(), 0, bytes.Length);
#endif
    }
}
