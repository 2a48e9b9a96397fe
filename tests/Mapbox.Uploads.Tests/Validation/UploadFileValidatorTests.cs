using System;
using System.Globalization;
using System.IO;
using System.Threading;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Tests.Validation;

public sealed class UploadFileValidatorTests
{
    [Fact]
    public void A_missing_file_is_reported_as_missing()
    {
        using var files = new TempFiles();

        var result = UploadFileValidator.Validate(files.PathOf("nowhere.geojson"));

        ProblemAssert.Has(result, FileProblemKind.Missing);
        Assert.Equal(UploadFileType.GeoJson, result.FileType);
    }

    [Fact]
    public void A_directory_is_not_a_file()
    {
        using var files = new TempFiles();
        var path = files.PathOf("roads.zip");
        Directory.CreateDirectory(path);

        ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.IsDirectory);
    }

    [Fact]
    public void An_empty_file_is_reported_as_empty()
    {
        using var files = new TempFiles();
        var path = files.WriteText("empty.csv", string.Empty);

        ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.Empty);
    }

    [Theory]
    [InlineData("roads.shp", "Zip the .shp")]
    [InlineData("places.kmz", "Unzip the KMZ")]
    [InlineData("notes.txt", ".geojson, .json, .csv, .gpx, .kml, .zip, .mbtiles, .tif, .tiff")]
    [InlineData("README", "files without an extension")]
    public void Unsupported_extensions_list_what_is_accepted(string name, string expected)
    {
        using var files = new TempFiles();
        var path = files.WriteText(name, "x");

        var result = UploadFileValidator.Validate(path);

        var problem = ProblemAssert.Has(result, FileProblemKind.UnsupportedExtension);
        Assert.Contains(expected, problem.Message);
        Assert.Null(result.FileType);
    }

    [Theory]
    [InlineData("big.geojson", UploadFileType.GeoJson)]
    [InlineData("big.json", UploadFileType.GeoJson)]
    [InlineData("big.csv", UploadFileType.Csv)]
    [InlineData("big.gpx", UploadFileType.Gpx)]
    [InlineData("big.kml", UploadFileType.Kml)]
    [InlineData("big.mbtiles", UploadFileType.MBTiles)]
    [InlineData("big.tif", UploadFileType.GeoTiff)]
    [InlineData("big.TIFF", UploadFileType.GeoTiff)]
    public void A_file_one_byte_over_its_limit_is_too_large_without_being_read(string name, UploadFileType type)
    {
        var limit = UploadFileTypes.GetMaxBytes(type);
        using var files = new TempFiles();
        var path = files.WriteSparse(name, limit + 1);

        var result = UploadFileValidator.Validate(path);

        var problem = ProblemAssert.Has(result, FileProblemKind.TooLarge);
        Assert.Equal(type, result.FileType);
        Assert.Contains((limit + 1).ToString(CultureInfo.InvariantCulture) + " bytes", problem.Message);
        Assert.Contains(UploadFileTypes.Get(type).LimitText, problem.Message);
    }

    [Theory]
    [InlineData("big.geojson", UploadFileType.GeoJson)]
    [InlineData("big.gpx", UploadFileType.Gpx)]
    [InlineData("big.mbtiles", UploadFileType.MBTiles)]
    [InlineData("big.tiff", UploadFileType.GeoTiff)]
    public void A_file_exactly_at_its_limit_passes_the_size_check(string name, UploadFileType type)
    {
        using var files = new TempFiles();
        var path = files.WriteSparse(name, UploadFileTypes.GetMaxBytes(type));

        var result = UploadFileValidator.Validate(path, new UploadFileValidationOptions { CheckContent = false });

        ProblemAssert.Valid(result);
        Assert.Equal(type, result.FileType);
    }

    [Fact]
    public void Skipping_content_checks_reads_nothing()
    {
        using var files = new TempFiles();
        var path = files.WriteText("broken.geojson", "{ not json");

        ProblemAssert.Valid(UploadFileValidator.Validate(path, new UploadFileValidationOptions { CheckContent = false }));
        ProblemAssert.Has(UploadFileValidator.Validate(path, new UploadFileValidationOptions()), FileProblemKind.InvalidGeoJson);
    }

    [Theory]
    [InlineData("data.geojson", "a zip archive")]
    [InlineData("data.csv", "a zip archive")]
    [InlineData("data.kml", "KMZ")]
    [InlineData("data.mbtiles", "a zip archive")]
    [InlineData("data.tif", "a zip archive")]
    public void A_zip_under_another_extension_is_a_content_mismatch(string name, string expected)
    {
        using var files = new TempFiles();
        var path = ShapefileZipValidatorTests.WriteZip(files, name, ("a.txt", new byte[] { 1 }));

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.ContentMismatch);

        Assert.Contains(expected, problem.Message);
    }

    [Theory]
    [InlineData("tiles.zip", "SQLite")]
    [InlineData("tiles.geojson", "SQLite")]
    [InlineData("tiles.tif", "SQLite")]
    public void An_SQLite_database_under_another_extension_is_a_content_mismatch(string name, string expected)
    {
        using var files = new TempFiles();
        var path = files.WriteBytes(name, FormatSamples.SQLite(4096, 1));

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.ContentMismatch);

        Assert.Contains(expected, problem.Message);
    }

    [Theory]
    [InlineData("data.geojson", "<kml><Document/></kml>", "XML")]
    [InlineData("data.gpx", "{\"type\": \"Point\"}", "JSON")]
    [InlineData("data.kml", "\n  [1, 2]", "JSON")]
    [InlineData("data.csv", "{\"type\": \"Point\"}", "JSON")]
    [InlineData("data.zip", "<gpx/>", "XML")]
    public void Text_formats_under_another_extension_are_a_content_mismatch(string name, string content, string expected)
    {
        using var files = new TempFiles();
        var path = files.WriteText(name, content);

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.ContentMismatch);

        Assert.Contains(expected, problem.Message);
    }

    [Fact]
    public void A_TIFF_named_geojson_is_a_content_mismatch()
    {
        using var files = new TempFiles();
        var path = files.WriteBytes("image.geojson", new byte[] { (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0 });

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.ContentMismatch);

        Assert.Contains("TIFF", problem.Message);
    }

    [Fact]
    public void A_gzip_file_is_told_to_be_decompressed()
    {
        using var files = new TempFiles();
        var path = files.WriteBytes("data.geojson", new byte[] { 0x1F, 0x8B, 8, 0, 0, 0 });

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.ContentMismatch);

        Assert.Contains("Decompress", problem.Message);
    }

    [Fact]
    public void A_UTF16_KML_is_recognized_as_XML()
    {
        using var files = new TempFiles();
        var path = files.PathOf("utf16.kml");
        File.WriteAllText(path, "<kml><Placemark><name>a</name></Placemark></kml>", new System.Text.UnicodeEncoding(bigEndian: false, byteOrderMark: true));

        ProblemAssert.Valid(UploadFileValidator.Validate(path));
    }

    [Fact]
    public void A_path_that_exists_but_cannot_be_opened_is_unreadable_not_empty()
    {
        using var files = new TempFiles();
        if (OperatingSystem.IsWindows())
        {
            var locked = files.WriteText("locked.geojson", "{}");
            using var holder = new FileStream(locked, FileMode.Open, FileAccess.ReadWrite, FileShare.None);

            ProblemAssert.Has(UploadFileValidator.Validate(locked), FileProblemKind.Unreadable);
            return;
        }

        // Unix has no mandatory locks and the tests run as root, which reads every regular file whatever its mode.
        // A bound Unix domain socket is a path that exists, reports a length of 0 and refuses open() with ENXIO
        // for everyone, root included.
        using var socket = UnreadableFiles.BindSocket(files.PathOf("socket.geojson"));
        var path = files.PathOf("socket.geojson");
        Assert.True(File.Exists(path));
        Assert.Equal(0, new FileInfo(path).Length);

        var result = UploadFileValidator.Validate(path);
        var withoutContent = UploadFileValidator.Validate(path, new UploadFileValidationOptions { CheckContent = false });

        var problem = ProblemAssert.Has(result, FileProblemKind.Unreadable);
        Assert.Contains("could not be opened", problem.Message);
        Assert.Equal(UploadFileType.GeoJson, result.FileType);
        ProblemAssert.Has(withoutContent, FileProblemKind.Unreadable);
    }

    [Fact]
    public void A_file_without_read_permission_is_unreadable_when_the_process_honours_permissions()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var files = new TempFiles();
        var path = files.WriteText("secret.geojson", "{\"type\": \"Point\", \"coordinates\": [1, 2]}");
        File.SetUnixFileMode(path, UnixFileMode.None);

        var result = UploadFileValidator.Validate(path);

        // Root (these tests' usual user) reads every file whatever its mode: then the file is simply valid. Either
        // way the outcome is pinned down by what the operating system lets this process do, checked independently.
        if (UnreadableFiles.CanOpen(path))
        {
            ProblemAssert.Valid(result);
        }
        else
        {
            ProblemAssert.Has(result, FileProblemKind.Unreadable);
        }
    }

    [Fact]
    public void EnsureValid_throws_with_the_problem_and_a_clickable_message()
    {
        using var files = new TempFiles();
        var path = files.WriteText("bad.geojson", "{\"type\": \"Point\",\n \"coordinates\": [1, 200]}");

        var exception = Assert.Throws<UploadFileValidationException>(() => UploadFileValidator.EnsureValid(path));

        Assert.Equal(path, exception.Path);
        Assert.Equal(FileProblemKind.InvalidGeoJson, exception.Problem.Kind);
        Assert.StartsWith(path, exception.Message);
        Assert.StartsWith("(2,21): Latitude 200 is outside -90..90.", exception.Message.Substring(path.Length));
    }

    [Fact]
    public void EnsureValid_returns_the_type_of_a_valid_file()
    {
        using var files = new TempFiles();
        var path = files.WriteText("ok.json", "{\"type\": \"Point\", \"coordinates\": [1, 2]}");

        Assert.Equal(UploadFileType.GeoJson, UploadFileValidator.EnsureValid(path));
    }

    [Fact]
    public void A_canceled_validation_stops()
    {
        using var files = new TempFiles();
        var path = files.WriteText("ok.geojson", "{\"type\": \"Point\", \"coordinates\": [1, 2]}");
        using var canceled = new CancellationTokenSource();
        canceled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => UploadFileValidator.Validate(path, null, canceled.Token));
    }

    [Fact]
    public void A_problem_prints_its_location_first()
    {
        Assert.Equal("(3,7): bad", new FileProblem(FileProblemKind.InvalidCsv, "bad", 3, 7).ToString());
        Assert.Equal("bad", new FileProblem(FileProblemKind.TooLarge, "bad").ToString());
        Assert.Equal("a.zip: bad", new UploadFileValidationException("a.zip", new FileProblem(FileProblemKind.InvalidShapefile, "bad")).Message);
    }
}
