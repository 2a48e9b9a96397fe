using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Mapbox.Uploads.Validation;
using static Mapbox.Uploads.Testing.FormatSamples;

namespace Mapbox.Uploads.Tests.Validation;

/// <summary>
/// The SHA-256 the checks record is of every byte of the file, whether the checker reads front to back (text formats),
/// sniffs and rewinds, or jumps about (zip, SQLite, TIFF) and leaves parts unread.
/// </summary>
public sealed class ContentHashTests
{
    private static readonly UploadFileValidationOptions WithHash = new() { ComputeSha256 = true };

    public static TheoryData<string, byte[]> Samples()
    {
        var features = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (var i = 0; i < 5000; i++)
        {
            features.Append(i == 0 ? string.Empty : ",").Append("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.5,2.5]},\"properties\":{}}");
        }

        return new TheoryData<string, byte[]>
        {
            { "points.geojson", Encoding.UTF8.GetBytes(features.Append("]}").ToString()) },
            { "points.csv", Encoding.UTF8.GetBytes("lat,lon,name\n" + string.Concat(System.Linq.Enumerable.Repeat("1.5,2.5,a point\n", 20_000))) },
            { "tiles.mbtiles", SQLite(pageSize: 4096, pages: 40) },
            { "image.tif", Tiff(true, false, new ushort[] { 8 }, GeoKeyDirectory, ModelPixelScale, ModelTiepoint) },
            { "roads.zip", Zip(("roads.shp", ShpHeader()), ("roads.shx", ShpHeader()), ("roads.dbf", new byte[] { 3 }), ("roads.prj", Prj())) },
        };
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_recorded_hash_is_of_the_whole_file_whatever_the_checker_read(string name, byte[] bytes)
    {
        using var files = new TempFiles();
        var path = files.WriteBytes(name, bytes);

        var checkedAndHashed = UploadFileValidator.Validate(path, WithHash);
        var hashedOnly = UploadFileValidator.Validate(path, new UploadFileValidationOptions { CheckContent = false, ComputeSha256 = true });

        ProblemAssert.Valid(checkedAndHashed);
        Assert.Equal(Sha256(bytes), checkedAndHashed.ContentSha256);
        Assert.Equal(Sha256(bytes), hashedOnly.ContentSha256);
        Assert.Equal(bytes.Length, checkedAndHashed.Length);
        Assert.Null(UploadFileValidator.Validate(path).ContentSha256);
    }

    [Fact]
    public void Reads_that_rewind_jump_ahead_and_overlap_hash_each_byte_once_in_order()
    {
        var bytes = new byte[300_000];
        new Random(5).NextBytes(bytes);
        using var hashing = new HashingReadStream(new MemoryStream(bytes));
        var buffer = new byte[50_000];

        hashing.ReadExactly(buffer, 0, 1000);
        hashing.Position = 0;
        hashing.ReadExactly(buffer, 0, 4000);
        hashing.Position = 200_000;
        hashing.ReadExactly(buffer, 0, 50_000);
        hashing.Position = 3000;
        hashing.ReadExactly(buffer, 0, 10_000);

        Assert.Equal(Sha256(bytes), hashing.Finish(CancellationToken.None));
    }

    [Fact]
    public void Progress_follows_the_read_through_a_large_file_step_by_step_and_ends_at_its_length()
    {
        using var files = new TempFiles();
        var bytes = Encoding.UTF8.GetBytes("lat,lon,name\n" + string.Concat(Enumerable.Repeat("1.5,2.5,a point on a line long enough to fill 40 MiB quickly\n", 700_000)));
        var path = files.WriteBytes("points.csv", bytes);
        var reports = new System.Collections.Generic.List<long>();

        var result = UploadFileValidator.Validate(path, new UploadFileValidationOptions { ComputeSha256 = true, Progress = new Recorder(reports) });

        Assert.Null(result.Problem);
        Assert.Equal(bytes.Length, reports[^1]);
        Assert.InRange(reports.Count, 3, 4);
        Assert.All(reports.Zip(reports.Skip(1)), pair => Assert.True(pair.Second - pair.First >= UploadFileValidationOptions.ProgressStep || pair.Second == bytes.Length));
    }

    private sealed class Recorder(System.Collections.Generic.List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes)).ToLowerInvariant();
}
