using System;
using System.IO;
using System.Security.Cryptography;
using Mapbox.Uploads.Sources;
using Mapbox.Uploads.Validation;
using Mapbox.Uploads.Validation.Raster;
using static Mapbox.Uploads.Testing.RasterSamples;

namespace Mapbox.Uploads.Tests.Validation.Raster;

public sealed class RasterFileCheckerTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Whole_GRIB_files_of_either_edition_pass(byte edition)
    {
        Assert.Null(Check(SourceFileFormat.Grib, Grib(edition, messages: 3)));
    }

    [Fact]
    public void GRIB_refusals_say_what_is_wrong_and_where()
    {
        var grib = Grib(2, messages: 2);
        Assert.Contains("does not start with \"GRIB\"", Check(SourceFileFormat.Grib, new byte[] { 1, 2, 3, 4, 5, 6, 7, 8, 9 }));
        Assert.Contains("truncated", Check(SourceFileFormat.Grib, grib.AsSpan(0, grib.Length - 10).ToArray()));
        var edition3 = (byte[])grib.Clone();
        edition3[7] = 3;
        Assert.Contains("edition 3", Check(SourceFileFormat.Grib, edition3));
        var noTrailer = (byte[])grib.Clone();
        noTrailer[59] = (byte)'X';
        Assert.Contains("7777", Check(SourceFileFormat.Grib, noTrailer));
        var trailing = new byte[grib.Length + 8];
        grib.CopyTo(trailing, 0);
        Assert.Contains("At byte 120: after message 2", Check(SourceFileFormat.Grib, trailing));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Classic_NetCDF_of_every_version_passes(byte version)
    {
        Assert.Null(Check(SourceFileFormat.NetCdf, NetCdfClassic(version)));
    }

    [Fact]
    public void A_classic_NetCDF_cut_short_is_refused_as_truncated()
    {
        var netCdf = NetCdfClassic(2);

        Assert.Contains("variable 'band'", Check(SourceFileFormat.NetCdf, netCdf.AsSpan(0, netCdf.Length - 10).ToArray()));
        Assert.Contains("truncated", Check(SourceFileFormat.NetCdf, netCdf.AsSpan(0, 40).ToArray()));
    }

    [Fact]
    public void NetCDF_4_passes_on_its_HDF5_superblock_and_is_refused_when_shorter_than_it_says()
    {
        Assert.Null(Check(SourceFileFormat.NetCdf, Hdf5()));
        Assert.Contains("says the file ends at byte 4096", Check(SourceFileFormat.NetCdf, Hdf5(statedLength: 4096)));
        Assert.Contains("not NetCDF", Check(SourceFileFormat.NetCdf, GeoTiff()));
    }

    [Fact]
    public void A_GeoTIFF_needs_a_raster_to_model_transform()
    {
        Assert.Null(Check(SourceFileFormat.GeoTiff, GeoTiff(samples: 1, bits: 32, sampleFormat: 3, photometric: 1)));
        Assert.Equal(GeoTiffValidator.NoGeoKeys, Check(SourceFileFormat.GeoTiff, GeoTiff(georeferenced: false)));
        Assert.Equal(GeoTiffReader.TruncatedMessage, Check(SourceFileFormat.GeoTiff, GeoTiff().AsSpan(0, 30).ToArray()));
    }

    [Fact]
    public void The_source_checks_hash_a_raster_file_in_the_read_that_checks_it()
    {
        using var files = new TempFiles();
        var bytes = GeoTiff(width: 64, height: 64);
        var path = files.WriteBytes("image.tif", bytes);

        var check = TilesetSourceValidator.Check("imagery", new[] { path }, computeSha256: true, default);

        Assert.Empty(check.Problems);
        Assert.Equal(Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant(), check.Files[0].ContentSha256);
        Assert.True(check.Files[0].Raster!.GeoTiff!.IsUint8);
    }

    [Fact]
    public void A_source_of_GeoJSON_and_raster_files_is_refused_before_any_file_is_read()
    {
        using var files = new TempFiles();
        var tif = files.WriteBytes("image.tif", GeoTiff());
        var geojson = files.WriteText("points.geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}");

        var problems = TilesetSourceValidator.Validate("mixed", new[] { tif, geojson });

        Assert.Contains(problems, problem => problem.FilePath is null && problem.Message.Contains("two sources", StringComparison.Ordinal));
    }

    [Fact]
    public void A_broken_raster_file_is_a_problem_of_that_file()
    {
        using var files = new TempFiles();
        var path = files.WriteBytes("forecast.grib2", Grib(2).AsSpan(0, 30).ToArray());

        var problem = Assert.Single(TilesetSourceValidator.Validate("forecast", new[] { path }));

        Assert.Equal(path, problem.FilePath);
        Assert.True(TilesetSourceValidator.IsRasterFile(path));
    }

    private static string? Check(SourceFileFormat format, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var (facts, problem) = RasterFileChecker.Check(format, stream, default);
        Assert.True((facts is null) != (problem is null));
        return problem;
    }
}
