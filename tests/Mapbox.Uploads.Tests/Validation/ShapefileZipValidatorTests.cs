using System.IO;
using System.IO.Compression;
using Mapbox.Uploads.Validation;
using static Mapbox.Uploads.Testing.FormatSamples;

namespace Mapbox.Uploads.Tests.Validation;

public sealed class ShapefileZipValidatorTests
{
    [Fact]
    public void A_complete_shapefile_passes()
    {
        using var files = new TempFiles();
        var path = WriteZip(files, "roads.zip", ("roads.shp", ShpHeader()), ("roads.shx", ShpHeader()), ("roads.dbf", new byte[] { 3 }), ("roads.prj", Prj()));

        var result = UploadFileValidator.Validate(path);

        ProblemAssert.Valid(result);
        Assert.Equal(UploadFileType.Shapefile, result.FileType);
    }

    [Fact]
    public void A_shapefile_in_a_folder_with_macOS_noise_and_upper_case_extensions_passes()
    {
        using var files = new TempFiles();
        var path = WriteZip(files, "roads.zip",
            ("data/Roads.SHP", ShpHeader()), ("data/Roads.shx", ShpHeader()), ("data/Roads.DBF", new byte[] { 3 }), ("data/Roads.prj", Prj()),
            ("__MACOSX/data/._Roads.shp", new byte[] { 0 }), ("data/._Roads.shp", new byte[] { 0 }), ("data/readme.txt", new byte[] { 1 }));

        ProblemAssert.Valid(UploadFileValidator.Validate(path));
    }

    [Fact]
    public void A_missing_prj_is_named_in_the_services_words()
    {
        using var files = new TempFiles();
        var path = WriteZip(files, "roads.zip", ("roads.shp", ShpHeader()), ("roads.shx", ShpHeader()), ("roads.dbf", new byte[] { 3 }));

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidShapefile);

        Assert.StartsWith("Failed to find a shapefile in your zip", problem.Message);
        Assert.Contains("roads.prj", problem.Message);
        Assert.DoesNotContain("roads.dbf", problem.Message);
        Assert.Null(problem.Line);
    }

    [Fact]
    public void Companions_must_share_the_base_name()
    {
        using var files = new TempFiles();
        var path = WriteZip(files, "roads.zip", ("roads.shp", ShpHeader()), ("other.shx", ShpHeader()), ("other.dbf", new byte[] { 3 }), ("other.prj", Prj()));

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidShapefile);

        Assert.Contains("roads.shx, roads.dbf, roads.prj", problem.Message);
    }

    [Fact]
    public void A_zip_without_a_shp_fails_like_the_service()
    {
        using var files = new TempFiles();
        var path = WriteZip(files, "data.zip", ("data.geojson", new byte[] { (byte)'{' }));

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidShapefile);

        Assert.StartsWith("Failed to find a shapefile in your zip", problem.Message);
    }

    [Fact]
    public void Two_shapefiles_in_one_zip_are_refused()
    {
        using var files = new TempFiles();
        var path = WriteZip(files, "data.zip",
            ("a.shp", ShpHeader()), ("a.shx", ShpHeader()), ("a.dbf", new byte[] { 3 }), ("a.prj", Prj()),
            ("b.shp", ShpHeader()), ("b.shx", ShpHeader()), ("b.dbf", new byte[] { 3 }), ("b.prj", Prj()));

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidShapefile);

        Assert.Contains("2 shapefiles (a.shp, b.shp)", problem.Message);
    }

    [Fact]
    public void A_shp_without_the_shapefile_file_code_is_refused()
    {
        using var files = new TempFiles();
        var path = WriteZip(files, "roads.zip", ("roads.shp", new byte[100]), ("roads.shx", ShpHeader()), ("roads.dbf", new byte[] { 3 }), ("roads.prj", Prj()));

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidShapefile);

        Assert.Contains("9994", problem.Message);
    }

    [Fact]
    public void A_damaged_zip_is_refused()
    {
        using var files = new TempFiles();
        var bytes = new byte[200];
        bytes[0] = (byte)'P';
        bytes[1] = (byte)'K';
        bytes[2] = 3;
        bytes[3] = 4;
        var path = files.WriteBytes("broken.zip", bytes);

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.InvalidShapefile);

        Assert.Contains("damaged", problem.Message);
    }

    [Fact]
    public void The_uncompressed_shp_and_dbf_must_fit_the_limit()
    {
        var limit = UploadFileTypes.GetMaxBytes(UploadFileType.Shapefile);
        using var files = new TempFiles();
        var path = files.PathOf("big.zip");
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            AddEntry(archive, "big.shp", ShpHeader());
            AddEntry(archive, "big.shx", ShpHeader());
            AddEntry(archive, "big.prj", Prj());
            using var dbf = archive.CreateEntry("big.dbf", CompressionLevel.Fastest).Open();
            var zeros = new byte[1024 * 1024];
            var remaining = limit - ShpHeader().Length + 1;
            while (remaining > 0)
            {
                var chunk = (int)System.Math.Min(zeros.Length, remaining);
                dbf.Write(zeros, 0, chunk);
                remaining -= chunk;
            }
        }

        Assert.True(new FileInfo(path).Length < limit / 100);
        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.TooLarge);

        Assert.Contains((limit + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Message);
    }

    internal static string WriteZip(TempFiles files, string name, params (string Name, byte[] Content)[] entries)
    {
        return files.WriteBytes(name, Zip(entries));
    }

    private static void AddEntry(ZipArchive archive, string name, byte[] content)
    {
        using var stream = archive.CreateEntry(name).Open();
        stream.Write(content, 0, content.Length);
    }
}
