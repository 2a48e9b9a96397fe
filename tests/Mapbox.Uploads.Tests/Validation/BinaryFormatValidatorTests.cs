using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Tests.Validation;

public sealed class BinaryFormatValidatorTests
{
    private const ushort BitsPerSample = 258;
    private const ushort ModelPixelScale = 33550;
    private const ushort ModelTiepoint = 33922;
    private const ushort ModelTransformation = 34264;
    private const ushort GeoKeyDirectory = 34735;

    [Fact]
    public void An_intact_SQLite_database_passes_as_MBTiles()
    {
        using var files = new TempFiles();
        var path = files.WriteBytes("tiles.mbtiles", SQLite(pageSize: 4096, pages: 3));

        var result = UploadFileValidator.Validate(path);

        ProblemAssert.Valid(result);
        Assert.Equal(UploadFileType.MBTiles, result.FileType);
    }

    [Fact]
    public void A_64_KiB_page_size_is_written_as_1()
    {
        using var files = new TempFiles();
        var path = files.WriteBytes("tiles.mbtiles", SQLite(pageSize: 65536, pages: 1));

        ProblemAssert.Valid(UploadFileValidator.Validate(path));
    }

    [Fact]
    public void A_truncated_SQLite_database_is_refused()
    {
        using var files = new TempFiles();
        var bytes = SQLite(pageSize: 4096, pages: 3);
        var path = files.WriteBytes("tiles.mbtiles", bytes.AsSpan(0, 4096 * 2 + 100).ToArray());

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidMBTiles);

        Assert.Contains("truncated", problem.Message);
    }

    [Fact]
    public void A_database_shorter_than_its_page_count_is_refused()
    {
        using var files = new TempFiles();
        var bytes = SQLite(pageSize: 4096, pages: 3);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(28), 10);
        var path = files.WriteBytes("tiles.mbtiles", bytes);

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidMBTiles);

        Assert.Contains("10 pages", problem.Message);
    }

    [Fact]
    public void A_bad_page_size_is_refused()
    {
        using var files = new TempFiles();
        var bytes = SQLite(pageSize: 4096, pages: 3);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(16), 1000);
        var path = files.WriteBytes("tiles.mbtiles", bytes);

        ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidMBTiles);
    }

    [Fact]
    public void A_text_file_named_mbtiles_is_refused()
    {
        using var files = new TempFiles();
        var path = files.WriteText("tiles.mbtiles", "this is not a database");

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidMBTiles);

        Assert.Contains("not an SQLite database", problem.Message);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void An_8_bit_georeferenced_TIFF_passes(bool littleEndian, bool bigTiff)
    {
        using var files = new TempFiles();
        var path = files.WriteBytes("image.tif", Tiff(littleEndian, bigTiff, new ushort[] { 8, 8, 8 }, GeoKeyDirectory, ModelPixelScale, ModelTiepoint));

        var result = UploadFileValidator.Validate(path);

        ProblemAssert.Valid(result);
        Assert.Equal(UploadFileType.GeoTiff, result.FileType);
    }

    [Fact]
    public void A_model_transformation_georeferences_too()
    {
        using var files = new TempFiles();
        var path = files.WriteBytes("image.tiff", Tiff(true, false, new ushort[] { 8 }, GeoKeyDirectory, ModelTransformation));

        ProblemAssert.Valid(UploadFileValidator.Validate(path));
    }

    public static IEnumerable<object[]> BrokenTiffs() => new[]
    {
        new object[] { Tiff(true, false, new ushort[] { 8, 8, 16 }, GeoKeyDirectory, ModelPixelScale, ModelTiepoint), "16 bits in sample 3" },
        new object[] { Tiff(false, true, new ushort[] { 32 }, GeoKeyDirectory, ModelTransformation), "32 bits in sample 1" },
        new object[] { Tiff(true, false, null, GeoKeyDirectory, ModelTransformation), "1 bit" },
        new object[] { Tiff(true, false, new ushort[] { 8 }, ModelPixelScale, ModelTiepoint), "34735" },
        new object[] { Tiff(true, false, new ushort[] { 8 }, GeoKeyDirectory, ModelPixelScale), "ModelTiepoint (33922)" },
        new object[] { Tiff(true, false, new ushort[] { 8 }, GeoKeyDirectory, ModelTransformation).AsSpan(0, 12).ToArray(), "truncated" },
    };

    [Theory]
    [MemberData(nameof(BrokenTiffs))]
    public void Broken_GeoTIFFs_are_refused_with_the_reason(byte[] tiff, string expected)
    {
        using var files = new TempFiles();
        var path = files.WriteBytes("image.tif", tiff);

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidGeoTiff);

        Assert.Contains(expected, problem.Message);
        Assert.Null(problem.Line);
    }

    [Fact]
    public void A_file_named_tif_that_is_not_a_TIFF_is_refused()
    {
        using var files = new TempFiles();
        var path = files.WriteBytes("image.tif", new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 0, 0, 0, 0 });

        ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidGeoTiff);
    }

    internal static byte[] SQLite(int pageSize, int pages)
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
    internal static byte[] Tiff(bool littleEndian, bool bigTiff, ushort[]? bitsPerSample, params ushort[] geoTags)
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

    private static byte[] UInt16(ushort value, bool littleEndian)
    {
        var bytes = new byte[2];
        if (littleEndian) BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
        else BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] UInt32(uint value, bool littleEndian)
    {
        var bytes = new byte[4];
        if (littleEndian) BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        else BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] UInt64(ulong value, bool littleEndian)
    {
        var bytes = new byte[8];
        if (littleEndian) BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        else BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }
}
