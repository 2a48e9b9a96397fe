using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace Mapbox.Uploads.Testing;

/// <summary>
/// Minimal, generated samples of the binary formats (SQLite/MBTiles, TIFF/GeoTIFF, zipped Shapefile). Free of test
/// framework types, so the task's tests compile this same file into their corpus.
/// </summary>
public static class FormatSamples
{
    public const ushort BitsPerSample = 258;
    public const ushort ModelPixelScale = 33550;
    public const ushort ModelTiepoint = 33922;
    public const ushort ModelTransformation = 34264;
    public const ushort GeoKeyDirectory = 34735;

    public static byte[] SQLite(int pageSize, int pages)
    {
        var bytes = new byte[pageSize * pages];
        Encoding.ASCII.GetBytes("SQLite format 3\0").CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(16), (ushort)(pageSize == 65536 ? 1 : pageSize));
        bytes[18] = 1;
        bytes[19] = 1;
        bytes[21] = 64;
        bytes[22] = 32;
        bytes[23] = 32;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(24), 7);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(28), (uint)pages);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(92), 7);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(96), 3045000);
        return bytes;
    }

    /// <summary>A one-directory TIFF: the bits-per-sample values stored out of line when they do not fit the entry.</summary>
    public static byte[] Tiff(bool littleEndian, bool bigTiff, ushort[]? bitsPerSample, params ushort[] geoTags)
    {
        var tags = new List<(ushort Tag, ushort Type, long Count, long Value)>
        {
            (256, 3, 1, 1),
            (257, 3, 1, 1),
        };
        var headerSize = bigTiff ? 16 : 8;
        var entrySize = bigTiff ? 20 : 12;
        var countSize = bigTiff ? 8 : 2;
        var entryCount = 2 + geoTags.Length + (bitsPerSample is null ? 0 : 1);
        var directoryEnd = headerSize + countSize + (entryCount * entrySize) + (bigTiff ? 8 : 4);
        var outOfLine = new List<byte>();
        if (bitsPerSample is not null)
        {
            var inline = bitsPerSample.Length * 2 <= (bigTiff ? 8 : 4);
            long value = 0;
            if (inline)
            {
                for (var i = 0; i < bitsPerSample.Length; i++)
                {
                    value |= (long)bitsPerSample[i] << (16 * i);
                }
            }
            else
            {
                value = directoryEnd;
                foreach (var bits in bitsPerSample)
                {
                    outOfLine.AddRange(UInt16(bits, littleEndian));
                }
            }

            tags.Add((BitsPerSample, 3, bitsPerSample.Length, value));
        }

        foreach (var tag in geoTags)
        {
            tags.Add((tag, 12, 3, directoryEnd));
        }

        tags.Sort((a, b) => a.Tag.CompareTo(b.Tag));
        var bytes = new List<byte>();
        bytes.AddRange(littleEndian ? "II"u8.ToArray() : "MM"u8.ToArray());
        bytes.AddRange(UInt16((ushort)(bigTiff ? 43 : 42), littleEndian));
        if (bigTiff)
        {
            bytes.AddRange(UInt16(8, littleEndian));
            bytes.AddRange(UInt16(0, littleEndian));
            bytes.AddRange(UInt64((ulong)headerSize, littleEndian));
            bytes.AddRange(UInt64((ulong)tags.Count, littleEndian));
        }
        else
        {
            bytes.AddRange(UInt32((uint)headerSize, littleEndian));
            bytes.AddRange(UInt16((ushort)tags.Count, littleEndian));
        }

        foreach (var (tag, type, count, value) in tags)
        {
            bytes.AddRange(UInt16(tag, littleEndian));
            bytes.AddRange(UInt16(type, littleEndian));
            bytes.AddRange(bigTiff ? UInt64((ulong)count, littleEndian) : UInt32((uint)count, littleEndian));
            bytes.AddRange(InlineValue(value, type, count, bigTiff, littleEndian));
        }

        bytes.AddRange(new byte[bigTiff ? 8 : 4]);
        bytes.AddRange(outOfLine);
        bytes.AddRange(new byte[64]);
        return bytes.ToArray();
    }

    private static byte[] InlineValue(long value, ushort type, long count, bool bigTiff, bool littleEndian)
    {
        var size = bigTiff ? 8 : 4;
        var isInlineShorts = type == 3 && count * 2 <= size;
        if (!isInlineShorts)
        {
            return bigTiff ? UInt64((ulong)value, littleEndian) : UInt32((uint)value, littleEndian);
        }

        var field = new byte[size];
        for (var i = 0; i < count; i++)
        {
            UInt16((ushort)(value >> (16 * i)), littleEndian).CopyTo(field, i * 2);
        }

        return field;
    }

    internal static byte[] UInt16(ushort value, bool littleEndian)
    {
        var bytes = new byte[2];
        if (littleEndian)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        }

        return bytes;
    }

    internal static byte[] UInt32(uint value, bool littleEndian)
    {
        var bytes = new byte[4];
        if (littleEndian)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        }

        return bytes;
    }

    internal static byte[] UInt64(ulong value, bool littleEndian)
    {
        var bytes = new byte[8];
        if (littleEndian)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        }
        else
        {
            BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        }

        return bytes;
    }

    public static byte[] ShpHeader()
    {
        var header = new byte[100];
        header[2] = 0x27;
        header[3] = 0x0A;
        return header;
    }

    public static byte[] Prj() => System.Text.Encoding.ASCII.GetBytes("GEOGCS[\"GCS_WGS_1984\"]");

    /// <summary>A zip archive of the given entries, as bytes.</summary>
    public static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(content, 0, content.Length);
            }
        }

        return buffer.ToArray();
    }
}
