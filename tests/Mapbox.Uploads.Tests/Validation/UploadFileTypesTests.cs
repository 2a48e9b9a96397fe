using System.Collections.Generic;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Tests.Validation;

public sealed class UploadFileTypesTests
{
    [Theory]
    [InlineData("a.geojson", UploadFileType.GeoJson)]
    [InlineData("dir.v2/A.JSON", UploadFileType.GeoJson)]
    [InlineData("a.csv", UploadFileType.Csv)]
    [InlineData("a.gpx", UploadFileType.Gpx)]
    [InlineData("a.kml", UploadFileType.Kml)]
    [InlineData("a.zip", UploadFileType.Shapefile)]
    [InlineData("a.mbtiles", UploadFileType.MBTiles)]
    [InlineData("a.tif", UploadFileType.GeoTiff)]
    [InlineData("a.tiff", UploadFileType.GeoTiff)]
    public void Extensions_name_their_type(string path, UploadFileType expected)
    {
        Assert.Equal(expected, UploadFileTypes.FromPath(path));
    }

    [Theory]
    [InlineData("a.shp")]
    [InlineData("a.geojson.gz")]
    [InlineData("geojson")]
    public void Other_extensions_name_no_type(string path)
    {
        Assert.Null(UploadFileTypes.FromPath(path));
        Assert.Null(UploadFileTypes.FindByPath(path));
    }

    [Fact]
    public void The_limits_are_the_documented_byte_values()
    {
        var expected = new Dictionary<UploadFileType, long>
        {
            [UploadFileType.GeoJson] = 1073741824,
            [UploadFileType.Csv] = 1073741824,
            [UploadFileType.Gpx] = 272629760,
            [UploadFileType.Kml] = 272629760,
            [UploadFileType.Shapefile] = 272629760,
            [UploadFileType.MBTiles] = 26843545600,
            [UploadFileType.GeoTiff] = 10737418240,
        };

        Assert.Equal(expected.Count, UploadFileTypes.All.Count);
        foreach (var info in UploadFileTypes.All)
        {
            Assert.Equal(expected[info.Type], info.MaxBytes);
            Assert.Equal(info.MaxBytes, UploadFileTypes.GetMaxBytes(info.Type));
            Assert.Equal(info.Type != UploadFileType.Shapefile, info.LimitAppliesToFile);
        }
    }

    [Fact]
    public void Every_type_has_a_row_and_every_extension_one_type()
    {
        var seen = new HashSet<string>();
        foreach (UploadFileType type in System.Enum.GetValues(typeof(UploadFileType)))
        {
            var info = UploadFileTypes.Get(type);
            Assert.Equal(type, info.Type);
            foreach (var extension in info.Extensions)
            {
                Assert.True(seen.Add(extension), extension + " is listed twice");
            }
        }

        Assert.Equal(new[] { ".geojson", ".json", ".csv", ".gpx", ".kml", ".zip", ".mbtiles", ".tif", ".tiff" }, UploadFileTypes.SupportedExtensions);
    }
}
