using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests.Tilesets;

/// <summary>
/// Tileset source files larger than the emulator keeps in memory: the multipart body is streamed into a temporary
/// file, stored byte for byte, and jobs read it as they read a small one (a GeoTIFF's header, a line-delimited
/// source's lines across read chunks).
/// </summary>
public sealed class LargeSourceTests : IAsyncLifetime, IDisposable
{
    private const string User = "alice";
    private static readonly int LargeSize = StoredFile.SpillThreshold + (3 * 1024 * 1024) + 17;
    private readonly string _directory = Directory.CreateTempSubdirectory("mbx-large-source-").FullName;
    private EmulatorServer _emulator = null!;
    private HttpClient _http = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { TilesetProcessingTime = TimeSpan.Zero, TilesetPublishesPerMinute = 0, RateLimitPerMinute = 0 });
        _http = new HttpClient { BaseAddress = _emulator.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        _token = _emulator.MintToken(User, EmulatorServer.TilesetScopes.ToArray());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_GeoTIFF_above_the_spill_threshold_is_stored_exactly_and_a_raster_job_over_it_succeeds()
    {
        var path = Path.Combine(_directory, "big.tif");
        WriteGeoTiff(path, LargeSize);

        using var response = await SendFileAsync(HttpMethod.Put, "imagery", path);
        var body = await ApiSession.ReadJsonAsync(response);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(LargeSize, body.GetProperty("file_size").GetInt64());

        using (var stored = _emulator.OpenSourceFile(User, "imagery")!)
        {
            Assert.Equal(LargeSize, stored.Length);
            Assert.Equal(Sha256(path), Convert.ToHexString(await SHA256.HashDataAsync(stored)));
        }
        var job = await PublishAsync("alice.imagery", "{\"version\":1,\"type\":\"raster\",\"sources\":[{\"uri\":\"mapbox://tileset-source/alice/imagery\"}],\"minzoom\":0,\"maxzoom\":5,\"layers\":{\"rgb\":{\"tilesize\":256}}}");
        Assert.True(job.GetProperty("stage").GetString() == "success", job.ToString());
        Assert.Equal(LargeSize, job.GetProperty("filesize").GetInt64());
    }

    [Fact]
    public async Task A_line_delimited_source_above_the_spill_threshold_keeps_every_feature()
    {
        var path = Path.Combine(_directory, "points.ldgeojson");
        var features = 0;
        var text = new StringBuilder();
        while (text.Length < StoredFile.SpillThreshold + (1024 * 1024))
        {
            // Lines of varying length, some with CRLF, so that lines straddle the reader's chunks at every offset.
            text.Append($"{{\"type\":\"Feature\",\"id\":{features},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[13.4,52.5]}},\"properties\":{{\"pad\":\"{new string('x', features % 97)}\"}}}}");
            text.Append(features % 5 == 0 ? "\r\n" : "\n");
            features++;
        }
        File.WriteAllText(path, text.ToString());

        using var response = await SendFileAsync(HttpMethod.Put, "points", path);
        Assert.Equal(200, (int)response.StatusCode);
        var job = await PublishAsync("alice.points", "{\"version\":1,\"layers\":{\"points\":{\"source\":\"mapbox://tileset-source/alice/points\",\"minzoom\":0,\"maxzoom\":5}}}");

        Assert.True(job.GetProperty("stage").GetString() == "success", job.ToString());
        Assert.Equal(features, job.GetProperty("layer_stats").GetProperty("points").GetProperty("total_features").GetInt32());
        Assert.Equal(new FileInfo(path).Length, job.GetProperty("filesize").GetInt64());
    }

    [Fact]
    public async Task A_body_past_the_threshold_is_kept_in_a_temporary_file_that_reads_back_exactly_and_in_parallel()
    {
        var bytes = RandomNumberGenerator.GetBytes(StoredFile.SpillThreshold + 5);
        using var stored = (await StoredFile.ReceiveAsync(new MemoryStream(bytes), long.MaxValue, CancellationToken.None))!;
        using var small = (await StoredFile.ReceiveAsync(new MemoryStream(bytes, 0, 1000), long.MaxValue, CancellationToken.None))!;
        var tooLarge = await StoredFile.ReceiveAsync(new MemoryStream(bytes), bytes.Length - 1, CancellationToken.None);

        Assert.True(stored.IsSpilled);
        Assert.False(small.IsSpilled);
        Assert.Null(tooLarge);
        Assert.Equal(bytes, stored.ToArray());
        Assert.Equal(bytes.AsSpan(bytes.Length - 7).ToArray(), stored.ReadAt(bytes.Length - 7, 100));
        using var first = stored.OpenRead();
        using var second = stored.OpenRead();
        var head = new byte[10];
        second.ReadExactly(head);
        Assert.Equal(SHA256.HashData(bytes), await SHA256.HashDataAsync(first));
        Assert.Equal(bytes.AsSpan(0, 10).ToArray(), head);
    }

    /// <summary>A little-endian classic TIFF whose first directory holds GeoKeys naming EPSG:4326, then random bytes up to <paramref name="size"/>.</summary>
    private static void WriteGeoTiff(string path, int size)
    {
        var header = new byte[]
        {
            (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0,
            1, 0, // one directory entry: GeoKeyDirectory, 8 shorts at offset 26
            0xAF, 0x87, 3, 0, 8, 0, 0, 0, 26, 0, 0, 0,
            0, 0, 0, 0, // no next directory
            1, 0, 1, 0, 0, 0, 1, 0, // version 1.1.0, one key
            0x00, 0x08, 0, 0, 1, 0, 0xE6, 0x10, // GeographicTypeGeoKey = 4326
        };
        var bytes = RandomNumberGenerator.GetBytes(size);
        header.CopyTo(bytes, 0);
        File.WriteAllBytes(path, bytes);
    }

    private static string Sha256(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(file));
    }

    private string ApiPath(string path) => $"/tilesets/v1{path}?access_token={Uri.EscapeDataString(_token)}";

    private async Task<HttpResponseMessage> SendFileAsync(HttpMethod method, string id, string path)
    {
        var file = new StreamContent(File.OpenRead(path), 1024 * 1024);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { file, "file", Path.GetFileName(path) } };
        using var request = new HttpRequestMessage(method, ApiPath($"/sources/{User}/{id}")) { Content = form };
        return await _http.SendAsync(request);
    }

    private async Task<JsonElement> PublishAsync(string tileset, string recipe)
    {
        using (var created = await _http.PostAsync(ApiPath($"/{tileset}"), new StringContent($"{{\"recipe\":{recipe},\"name\":\"Large\"}}", Encoding.UTF8, "application/json")))
        {
            Assert.True((int)created.StatusCode == 200, await created.Content.ReadAsStringAsync());
        }
        using var published = await _http.PostAsync(ApiPath($"/{tileset}/publish"), new StringContent(string.Empty, Encoding.UTF8, "application/json"));
        var jobId = (await ApiSession.ReadJsonAsync(published)).GetProperty("jobId").GetString();
        using var job = await _http.GetAsync(ApiPath($"/{tileset}/jobs/{jobId}"));
        return await ApiSession.ReadJsonAsync(job);
    }
}
