using System.IO;
using Mapbox.Uploads.Validation;
using Mapbox.Uploads.Validation.Raster;
using static Mapbox.Uploads.Testing.RasterSamples;

namespace Mapbox.Uploads.Tests.Validation.Raster;

public sealed class GeoTiffReaderTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_RGB_GeoTIFF_reads_as_8_bit_RGB_with_a_CRS(bool littleEndian)
    {
        var facts = Read(GeoTiff(littleEndian: littleEndian));

        Assert.Equal(new uint[] { 8, 8, 8 }, facts.BitsPerSample);
        Assert.Equal(3, facts.SamplesPerPixel);
        Assert.Equal(GeoTiffFacts.PhotometricRgb, facts.Photometric);
        Assert.True(facts.IsUint8);
        Assert.True(facts.HasCrs);
        Assert.True(facts.HasTransform);
    }

    [Fact]
    public void YCbCr_and_float_samples_are_read_as_such()
    {
        Assert.Equal(GeoTiffFacts.PhotometricYCbCr, Read(GeoTiff(photometric: 6)).Photometric);
        var floats = Read(GeoTiff(samples: 1, bits: 32, sampleFormat: 3, photometric: 1));
        Assert.False(floats.IsUint8);
        Assert.Equal((ushort)3, floats.SampleFormat);
    }

    [Fact]
    public void GeoKeys_that_name_no_coordinate_system_read_as_no_CRS()
    {
        var facts = Read(GeoTiff(epsg: null));

        Assert.True(facts.HasGeoKeys);
        Assert.False(facts.HasCrs);
    }

    [Fact]
    public void A_TIFF_without_GeoTIFF_tags_has_neither_keys_nor_transform()
    {
        var facts = Read(GeoTiff(georeferenced: false));

        Assert.False(facts.HasGeoKeys);
        Assert.False(facts.HasCrs);
        Assert.False(facts.HasTransform);
    }

    [Fact]
    public void A_whole_RGB_GeoTIFF_passes_the_Uploads_check_that_judges_the_same_reading()
    {
        using var stream = new MemoryStream(GeoTiff());

        Assert.Null(GeoTiffValidator.Validate(stream));
    }

    [Fact]
    public void A_file_cut_inside_its_directory_is_a_structure_problem()
    {
        var bytes = GeoTiff();
        using var stream = new MemoryStream(bytes, 0, 40);

        var (facts, problem) = GeoTiffReader.Read(stream);

        Assert.Null(facts);
        Assert.Equal(GeoTiffReader.TruncatedMessage, problem);
    }

    private static GeoTiffFacts Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var (facts, problem) = GeoTiffReader.Read(stream);
        Assert.Null(problem);
        return facts!;
    }
}
