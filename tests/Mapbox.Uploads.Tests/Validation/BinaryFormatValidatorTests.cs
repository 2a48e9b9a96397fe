using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Mapbox.Uploads.Validation;
using static Mapbox.Uploads.Testing.FormatSamples;

namespace Mapbox.Uploads.Tests.Validation;

public sealed class BinaryFormatValidatorTests
{
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

    [Theory]
    [InlineData(3, true)]
    [InlineData(210, true)]
    [InlineData(2, false)]
    public void Ground_control_points_georeference_when_there_are_enough_for_an_affine_fit(int tiepoints, bool valid)
    {
        using var files = new TempFiles();
        var path = files.WriteBytes("image.tif", WithTiepoints(Tiff(true, false, new ushort[] { 8 }, GeoKeyDirectory, ModelTiepoint), tiepoints));

        var result = UploadFileValidator.Validate(path);

        if (valid)
        {
            ProblemAssert.Valid(result);
        }
        else
        {
            Assert.Contains("at least 3 ground control points", ProblemAssert.Has(result, FileProblemKind.InvalidGeoTiff).Message);
        }
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

    /// <summary>Sets the ModelTiepoint entry's count (6 values a tiepoint) in a little-endian classic TIFF; its values are not read.</summary>
    private static byte[] WithTiepoints(byte[] tiff, int tiepoints)
    {
        var entries = BitConverter.ToUInt16(tiff, 8);
        for (var entry = 0; entry < entries; entry++)
        {
            var at = 10 + (entry * 12);
            if (BitConverter.ToUInt16(tiff, at) == ModelTiepoint)
            {
                BitConverter.GetBytes((uint)(tiepoints * 6)).CopyTo(tiff, at + 4);
            }
        }

        return tiff;
    }
}
