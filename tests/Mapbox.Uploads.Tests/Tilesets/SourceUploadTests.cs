using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using Mapbox.Uploads.Tests.Support;
using Mapbox.Uploads.Tests.Validation;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Tests.Tilesets;

/// <summary>A source's files go up one <c>file</c> part per request: replace with the first, append the rest.</summary>
public class SourceUploadTests : IDisposable
{
    private const string Feature = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"properties\":{}}";
    private readonly TilesetsClientFactory _factory = new();
    private readonly TempFiles _files = new();

    [Fact]
    public async Task Replace_with_the_first_file_append_the_rest_converted_or_byte_for_byte()
    {
        var collection = _files.WriteText("roads.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\n  " + Feature + ",\n  " + Feature + "\n]}");
        var lines = Feature + "\r\n" + Feature;
        var delimited = _files.WriteText("extra.ldgeojson", lines);
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, TilesetsJson.SourceAnswer));
        using var client = _factory.Create(handler);
        var reported = new System.Collections.Generic.List<SourceUploadResult>();

        var results = await client.UploadSourceAsync("roads", new[] { collection, delimited }, new Progress(reported));

        Assert.Equal(2, results.Count);
        Assert.Equal(2, reported.Count);
        Assert.Equal(new[] { "PUT /tilesets/v1/sources/alice/roads", "POST /tilesets/v1/sources/alice/roads" }, handler.Requests.Select(r => r.Method + " " + r.Path));
        var first = Assert.Single(MultipartBody.Parts(handler.Requests[0]));
        var second = Assert.Single(MultipartBody.Parts(handler.Requests[1]));
        Assert.Equal("file", first.Name);
        Assert.Equal("file", second.Name);
        Assert.Equal("roads.ldgeojson", first.FileName);
        Assert.Equal(Feature + "\n" + Feature + "\n", Encoding.UTF8.GetString(first.Content));
        Assert.Equal(lines + "\n", Encoding.UTF8.GetString(second.Content));
        Assert.StartsWith("multipart/form-data", handler.Requests[0].Headers["Content-Type"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_delimited_file_ending_in_a_newline_is_sent_exactly()
    {
        var bytes = Encoding.UTF8.GetBytes(Feature + "\n" + Feature + "\n");
        var path = _files.PathOf("exact.geojsonl");
        File.WriteAllBytes(path, bytes);
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, TilesetsJson.SourceAnswer));
        using var client = _factory.Create(handler);

        await client.ReplaceSourceAsync("roads", path);

        Assert.Equal(bytes, Assert.Single(MultipartBody.Parts(handler.Requests[0])).Content);
    }

    [Fact]
    public async Task Eleven_files_are_refused_before_any_file_is_read_or_request_sent()
    {
        var missing = Enumerable.Range(0, 11).Select(i => _files.PathOf($"never-written-{i}.geojson")).ToArray();
        var handler = new RecordingHandler((_, _) => RecordingHandler.Status(HttpStatusCode.OK));
        using var client = _factory.Create(handler);

        var error = await Assert.ThrowsAsync<TilesetSourceValidationException>(() => client.UploadSourceAsync("roads", missing));

        var problem = Assert.Single(error.Problems);
        Assert.Null(problem.FilePath);
        Assert.Contains("11 files", problem.Message, StringComparison.Ordinal);
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task A_retried_upload_sends_the_whole_file_again()
    {
        var path = _files.WriteText("retry.ndjson", Feature + "\n");
        var handler = new RecordingHandler((_, index) => index == 0
            ? RecordingHandler.Status(HttpStatusCode.BadGateway)
            : RecordingHandler.Json(HttpStatusCode.OK, TilesetsJson.SourceAnswer));
        using var client = _factory.Create(handler);

        await client.AppendSourceAsync("roads", path);

        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal(Feature + "\n", Encoding.UTF8.GetString(Assert.Single(MultipartBody.Parts(r)).Content)));
    }

    [Fact]
    public async Task A_retried_raster_file_compared_by_block_tags_is_sent_whole_again()
    {
        // Over a MiB of pixels, so the comparison runs over more than one block on each attempt.
        var tiff = Mapbox.Uploads.Testing.RasterSamples.GeoTiff(width: 1024, height: 400);
        var path = _files.WriteBytes("imagery.tif", tiff);
        var handler = new RecordingHandler((_, index) => index == 0
            ? RecordingHandler.Status(HttpStatusCode.BadGateway)
            : RecordingHandler.Json(HttpStatusCode.OK, TilesetsJson.SourceAnswer));
        using var client = _factory.Create(handler);

        await client.UploadSourceAsync("imagery", new[] { path });

        Assert.True(tiff.Length > ContentTags.BlockSize, "the file spans two blocks");
        Assert.Equal(2, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal(tiff, Assert.Single(MultipartBody.Parts(r)).Content));
    }

    public void Dispose() => _files.Dispose();

    private sealed class Progress : IProgress<SourceUploadResult>
    {
        private readonly System.Collections.Generic.List<SourceUploadResult> _seen;

        public Progress(System.Collections.Generic.List<SourceUploadResult> seen) => _seen = seen;

        public void Report(SourceUploadResult value) => _seen.Add(value);
    }
}
