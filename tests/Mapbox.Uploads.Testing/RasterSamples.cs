using System;
using System.Collections.Generic;
using System.Linq;
using static Mapbox.Uploads.Testing.FormatSamples;

namespace Mapbox.Uploads.Testing;

/// <summary>
/// Whole, readable raster files written from scratch: an uncompressed one-strip GeoTIFF with the tags GDAL reads
/// (size, samples, photometric, strips, pixel scale, tiepoint, GeoKeys); classic NetCDF (CDF-1, 2, 5) with one float
/// variable; an HDF5 (NetCDF-4) superblock; GRIB messages of edition 1 or 2.
/// </summary>
public static class RasterSamples
{
    /// <summary>EPSG:4326 (WGS 84), the usual geographic CRS.</summary>
    public const ushort Wgs84 = 4326;

    /// <summary>
    /// A GeoTIFF of <paramref name="width"/> by <paramref name="height"/> pixels over lon/lat 0..1, with the given
    /// samples (each <paramref name="bits"/> wide, of <paramref name="sampleFormat"/> 1 unsigned, 2 signed, 3 float)
    /// and photometric interpretation (1 grey, 2 RGB, 6 YCbCr); <paramref name="epsg"/> null writes GeoKeys that name
    /// no CRS; <paramref name="georeferenced"/> false writes no GeoTIFF tags at all.
    /// </summary>
    public static byte[] GeoTiff(
        int width = 4,
        int height = 4,
        int samples = 3,
        ushort bits = 8,
        ushort sampleFormat = 1,
        ushort photometric = 2,
        ushort? epsg = Wgs84,
        bool georeferenced = true,
        bool littleEndian = true)
    {
        var pixelBytes = width * height * samples * (bits / 8);
        var entries = new List<(ushort Tag, ushort Type, byte[] Values, int Count)>
        {
            Shorts(256, littleEndian, (ushort)width),
            Shorts(257, littleEndian, (ushort)height),
            Shorts(258, littleEndian, Enumerable.Repeat(bits, samples).ToArray()),
            Shorts(259, littleEndian, 1),
            Shorts(262, littleEndian, photometric),
            Longs(273, littleEndian, 0),
            Shorts(277, littleEndian, (ushort)samples),
            Shorts(278, littleEndian, (ushort)height),
            Longs(279, littleEndian, (uint)pixelBytes),
            Shorts(284, littleEndian, 1),
            Shorts(339, littleEndian, Enumerable.Repeat(sampleFormat, samples).ToArray()),
        };
        if (georeferenced)
        {
            entries.Add(Doubles(33550, littleEndian, 1.0 / width, 1.0 / height, 0));
            entries.Add(Doubles(33922, littleEndian, 0, 0, 0, 0, 1, 0));
            // GeoKeyDirectory: version 1.1.0, then ModelType geographic (2) and RasterType PixelIsArea, then the CRS.
            var keys = new List<ushort> { 1, 1, 0, 0, 1024, 0, 1, 2, 1025, 0, 1, 1 };
            if (epsg is { } code)
            {
                keys.AddRange(new ushort[] { 2048, 0, 1, code });
            }
            else
            {
                keys[7] = 0;
            }

            keys[3] = (ushort)((keys.Count / 4) - 1);
            entries.Add(Shorts(34735, littleEndian, keys.ToArray()));
        }

        entries.Sort((a, b) => a.Tag.CompareTo(b.Tag));
        const int headerSize = 8;
        var directorySize = 2 + (entries.Count * 12) + 4;
        var outOfLineAt = headerSize + directorySize;
        var outOfLine = new List<byte>();
        var pixelsAt = outOfLineAt + entries.Where(e => e.Values.Length > 4).Sum(e => e.Values.Length + (e.Values.Length % 2));
        var bytes = new List<byte>();
        bytes.AddRange(littleEndian ? "II"u8.ToArray() : "MM"u8.ToArray());
        bytes.AddRange(UInt16(42, littleEndian));
        bytes.AddRange(UInt32(headerSize, littleEndian));
        bytes.AddRange(UInt16((ushort)entries.Count, littleEndian));
        foreach (var (tag, type, values, count) in entries)
        {
            bytes.AddRange(UInt16(tag, littleEndian));
            bytes.AddRange(UInt16(type, littleEndian));
            bytes.AddRange(UInt32((uint)count, littleEndian));
            var field = tag == 273 ? UInt32((uint)pixelsAt, littleEndian) : values;
            if (field.Length <= 4)
            {
                bytes.AddRange(field);
                bytes.AddRange(new byte[4 - field.Length]);
            }
            else
            {
                bytes.AddRange(UInt32((uint)(outOfLineAt + outOfLine.Count), littleEndian));
                outOfLine.AddRange(field);
                if (field.Length % 2 == 1)
                {
                    outOfLine.Add(0);
                }
            }
        }

        bytes.AddRange(new byte[4]);
        bytes.AddRange(outOfLine);
        var pixels = new byte[pixelBytes];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)(i * 37);
        }

        bytes.AddRange(pixels);
        return bytes.ToArray();
    }

    /// <summary>A classic NetCDF file (version 1, 2 or 5) with dimensions y and x of 4 and one float variable "band" over them.</summary>
    public static byte[] NetCdfClassic(byte version = 1)
    {
        var countSize = version == 5 ? 8 : 4;
        var offsetSize = version == 1 ? 4 : 8;
        var header = new List<byte>();
        void Big(ulong value, int size)
        {
            for (var i = size - 1; i >= 0; i--)
            {
                header.Add((byte)(value >> (8 * i)));
            }
        }

        void Name(string name)
        {
            Big((ulong)name.Length, countSize);
            header.AddRange(System.Text.Encoding.ASCII.GetBytes(name));
            header.AddRange(new byte[(4 - (name.Length % 4)) % 4]);
        }

        header.AddRange("CDF"u8.ToArray());
        header.Add(version);
        Big(0, countSize);
        Big(0x0A, 4);
        Big(2, countSize);
        Name("y");
        Big(4, countSize);
        Name("x");
        Big(4, countSize);
        Big(0, 4);
        Big(0, countSize);
        Big(0x0B, 4);
        Big(1, countSize);
        Name("band");
        Big(2, countSize);
        Big(0, countSize);
        Big(1, countSize);
        Big(0, 4);
        Big(0, countSize);
        Big(5, 4);
        Big(64, countSize);
        var begin = header.Count + offsetSize;
        Big((ulong)begin, offsetSize);
        header.AddRange(new byte[64]);
        return header.ToArray();
    }

    /// <summary>An HDF5 file with a version 2 superblock whose end-of-file address is <paramref name="statedLength"/> (the file's length by default).</summary>
    public static byte[] Hdf5(int length = 256, long? statedLength = null)
    {
        var bytes = new byte[length];
        new byte[] { 0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        bytes[8] = 2;
        bytes[9] = 8;
        bytes[10] = 8;
        UInt64(ulong.MaxValue, true).CopyTo(bytes, 20);
        UInt64((ulong)(statedLength ?? length), true).CopyTo(bytes, 28);
        UInt64(48, true).CopyTo(bytes, 36);
        return bytes;
    }

    /// <summary>GRIB messages of the given edition (1 or 2), each with a small body, ending in "7777".</summary>
    public static byte[] Grib(byte edition = 2, int messages = 2, int body = 40)
    {
        var bytes = new List<byte>();
        for (var m = 0; m < messages; m++)
        {
            var length = 16 + body + 4;
            var message = new byte[length];
            "GRIB"u8.ToArray().CopyTo(message, 0);
            message[7] = edition;
            if (edition == 1)
            {
                message[4] = (byte)(length >> 16);
                message[5] = (byte)(length >> 8);
                message[6] = (byte)length;
            }
            else
            {
                UInt64((ulong)length, false).CopyTo(message, 8);
            }

            for (var i = 16; i < length - 4; i++)
            {
                message[i] = (byte)(i * 13);
            }

            "7777"u8.ToArray().CopyTo(message, length - 4);
            bytes.AddRange(message);
        }

        return bytes.ToArray();
    }

    private static (ushort, ushort, byte[], int) Shorts(ushort tag, bool littleEndian, params ushort[] values) =>
        (tag, 3, values.SelectMany(v => UInt16(v, littleEndian)).ToArray(), values.Length);

    private static (ushort, ushort, byte[], int) Longs(ushort tag, bool littleEndian, params uint[] values) =>
        (tag, 4, values.SelectMany(v => UInt32(v, littleEndian)).ToArray(), values.Length);

    private static (ushort, ushort, byte[], int) Doubles(ushort tag, bool littleEndian, params double[] values) =>
        (tag, 12, values.SelectMany(v => UInt64((ulong)BitConverter.DoubleToInt64Bits(v), littleEndian)).ToArray(), values.Length);
}
