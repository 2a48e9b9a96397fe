using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>
/// Writes an uncompressed 8-bit RGB BigTIFF of about a given size (BigTIFF: strips past 4 GiB need 64-bit offsets)
/// with the GeoTIFF tags the raster checks want: pixel scale, tiepoint and GeoKeys naming EPSG:4326, so a recipe needs
/// no <c>crs</c>. The pixels are random bytes (one 16 MiB block repeated), written for real: nothing sparse.
/// </summary>
internal static class BigGeoTiffWriter
{
    private const int Width = 16384;
    private const int BytesPerRow = Width * 3;
    private const int RowsPerStrip = 1024;
    private const int HeaderSize = 16;
    private const int EntrySize = 20;

    public static void Write(string path, long sizeBytes)
    {
        var height = (int)((sizeBytes - 4096) / BytesPerRow);
        var strips = (height + RowsPerStrip - 1) / RowsPerStrip;
        var entries = new List<(ushort Tag, ushort Type, long Count, byte[] Values)>
        {
            (256, 4, 1, Le32(Width)),
            (257, 4, 1, Le32(height)),
            (258, 3, 3, Le16(8, 8, 8)),
            (259, 3, 1, Le16(1)),
            (262, 3, 1, Le16(2)),
            (273, 16, strips, new byte[strips * 8]),
            (277, 3, 1, Le16(3)),
            (278, 4, 1, Le32(RowsPerStrip)),
            (279, 16, strips, new byte[strips * 8]),
            (284, 3, 1, Le16(1)),
            (339, 3, 3, Le16(1, 1, 1)),
            (33550, 12, 3, LeDoubles(360.0 / Width, 180.0 / height, 0)),
            (33922, 12, 6, LeDoubles(0, 0, 0, -180, 90, 0)),
            (34735, 3, 16, Le16(1, 1, 0, 3, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, 4326)),
        };
        var directorySize = 8 + (entries.Count * EntrySize) + 8;
        var outOfLine = HeaderSize + directorySize;
        var pixelsAt = outOfLine;
        foreach (var entry in entries)
        {
            pixelsAt += entry.Values.Length > 8 ? entry.Values.Length : 0;
        }

        var offsets = entries.FindIndex(e => e.Tag == 273);
        var counts = entries.FindIndex(e => e.Tag == 279);
        for (var strip = 0; strip < strips; strip++)
        {
            var rows = Math.Min(RowsPerStrip, height - (strip * RowsPerStrip));
            BinaryPrimitives.WriteInt64LittleEndian(entries[offsets].Values.AsSpan(strip * 8), pixelsAt + ((long)strip * RowsPerStrip * BytesPerRow));
            BinaryPrimitives.WriteInt64LittleEndian(entries[counts].Values.AsSpan(strip * 8), (long)rows * BytesPerRow);
        }

        var head = new MemoryStream();
        head.Write("II"u8);
        head.Write(Le16(43, 8, 0));
        head.Write(Le64(HeaderSize));
        head.Write(Le64(entries.Count));
        var tail = new MemoryStream();
        foreach (var (tag, type, count, values) in entries)
        {
            head.Write(Le16(tag, type));
            head.Write(Le64(count));
            if (values.Length <= 8)
            {
                head.Write(values);
                head.Write(new byte[8 - values.Length]);
            }
            else
            {
                head.Write(Le64(outOfLine + tail.Length));
                tail.Write(values);
            }
        }

        head.Write(Le64(0));
        tail.WriteTo(head);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        head.WriteTo(file);
        var block = new byte[16 * 1024 * 1024];
        new Random(5).NextBytes(block);
        for (var left = (long)height * BytesPerRow; left > 0; left -= block.Length)
        {
            file.Write(block, 0, (int)Math.Min(block.Length, left));
        }
    }

    private static byte[] Le16(params ushort[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        }

        return bytes;
    }

    private static byte[] Le32(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] Le64(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] LeDoubles(params double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return bytes;
    }
}
