using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Api;

public class UploadFlowTests
{
    private const string GeoJson = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}]}";

    private readonly ClientFactory _factory = new();

    private static RecordingHandler FakeService(Func<int, RecordedRequest, System.Net.Http.HttpResponseMessage> create)
    {
        var creates = 0;
        var credentials = 0;
        return new RecordingHandler((request, _) =>
        {
            if (request.Path.EndsWith("/credentials", StringComparison.Ordinal))
            {
                credentials++;
                return RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Credentials.Replace("abc123", "key" + credentials));
            }

            if (request.Url.Host.EndsWith("amazonaws.com", StringComparison.Ordinal))
            {
                return RecordingHandler.Status(HttpStatusCode.OK);
            }

            return create(creates++, request);
        });
    }

    [Fact]
    public async Task Upload_stages_then_creates_with_the_staged_url()
    {
        using var file = TempFile.WithText(GeoJson);
        var handler = FakeService((_, _) => RecordingHandler.Json(HttpStatusCode.Created, UploadJson.Of("u1")));
        using var client = _factory.Create(handler);
        var progress = new System.Collections.Generic.List<StagingProgress>();

        var upload = await client.UploadAsync(file.Path, TilesetId.Parse("roads", "alice"), new UploadOptions { Name = "Roads" }, new SynchronousProgress<StagingProgress>(progress.Add));

        Assert.Equal("u1", upload.Id);
        Assert.Equal(new[] { "POST", "PUT", "POST" }, handler.Requests.Select(r => r.Method));
        var put = handler.Requests[1];
        Assert.Equal("tilestream-tilesets-production.s3.amazonaws.com", put.Url.Host);
        Assert.Equal("/_pending/alice/key1", put.Path);
        Assert.Equal(GeoJson, put.BodyText);
        using var body = JsonDocument.Parse(handler.Requests[2].BodyText);
        Assert.Equal("https://tilestream-tilesets-production.s3.amazonaws.com/_pending/alice/key1", body.RootElement.GetProperty("url").GetString());
        Assert.Equal("Roads", body.RootElement.GetProperty("name").GetString());
        Assert.Equal(new[] { (0L, (long)GeoJson.Length), (GeoJson.Length, GeoJson.Length) }, progress.Select(p => (p.BytesAcknowledged, p.TotalBytes)));
    }

    [Fact]
    public async Task Upload_retries_create_while_the_tileset_is_busy()
    {
        using var file = TempFile.WithText(GeoJson);
        var handler = FakeService((n, _) => n switch
        {
            0 => RecordingHandler.Json(HttpStatusCode.Conflict, "{\"message\":\"conflict\"}"),
            1 => RecordingHandler.Json((HttpStatusCode)422, "{\"message\":\"Tileset alice.roads has an upload processing\"}"),
            _ => RecordingHandler.Json(HttpStatusCode.Created, UploadJson.Of("u9")),
        });
        using var client = _factory.Create(handler, o => o.PollInterval = TimeSpan.FromSeconds(2));

        var upload = await client.UploadAsync(file.Path, TilesetId.Parse("roads", "alice"), new UploadOptions { Validate = false });

        Assert.Equal("u9", upload.Id);
        Assert.Equal(3, handler.Requests.Count(r => r.Path == "/uploads/v1/alice"));
        Assert.Single(handler.Requests, r => r.Method == "PUT");
        Assert.Equal(new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3) }, _factory.Delays);
    }

    [Fact]
    public async Task Upload_does_not_retry_a_422_about_the_body()
    {
        using var file = TempFile.WithText(GeoJson);
        var handler = FakeService((_, _) => RecordingHandler.Json((HttpStatusCode)422, "{\"message\":\"Invalid \\\"tileset\\\" value\"}"));
        using var client = _factory.Create(handler);

        var ex = await Assert.ThrowsAsync<MapboxApiException>(() => client.UploadAsync(file.Path, TilesetId.Parse("roads", "alice"), new UploadOptions { Validate = false }));

        Assert.False(ex.IsTilesetBusy);
        Assert.Equal("Invalid \"tileset\" value", ex.ServiceMessage);
        Assert.Single(handler.Requests, r => r.Path == "/uploads/v1/alice");
    }

    [Fact]
    public async Task Upload_gives_up_on_a_busy_tileset_after_BusyRetryTimeout()
    {
        using var file = TempFile.WithText(GeoJson);
        var handler = FakeService((_, _) => RecordingHandler.Json(HttpStatusCode.Conflict, "{\"message\":\"busy\"}"));
        using var client = _factory.Create(handler, o => o.BusyRetryTimeout = TimeSpan.Zero);

        var ex = await Assert.ThrowsAsync<MapboxApiException>(() => client.UploadAsync(file.Path, TilesetId.Parse("roads", "alice"), new UploadOptions { Validate = false }));

        Assert.True(ex.IsTilesetBusy);
        Assert.Single(handler.Requests, r => r.Path == "/uploads/v1/alice");
    }

    [Fact]
    public async Task Upload_stops_retrying_a_busy_tileset_when_the_next_wait_would_pass_BusyRetryTimeout_on_the_clock()
    {
        using var file = TempFile.WithText(GeoJson);
        var handler = FakeService((_, _) => RecordingHandler.Json(HttpStatusCode.Conflict, "{\"message\":\"busy\"}"));
        using var client = _factory.Create(handler, o =>
        {
            o.PollInterval = TimeSpan.FromSeconds(2);
            o.BusyRetryTimeout = TimeSpan.FromSeconds(5);
        });

        var ex = await Assert.ThrowsAsync<MapboxApiException>(() => client.UploadAsync(file.Path, TilesetId.Parse("roads", "alice"), new UploadOptions { Validate = false }));

        // Waits of 2 s and 3 s fill the 5 s exactly; the next, 4.5 s, would pass it.
        Assert.True(ex.IsTilesetBusy);
        Assert.Equal(new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3) }, _factory.Delays);
        Assert.Equal(3, handler.Requests.Count(r => r.Path == "/uploads/v1/alice"));
    }

    [Fact]
    public async Task A_busy_retry_starts_the_transient_attempts_afresh()
    {
        using var file = TempFile.WithText(GeoJson);
        var handler = FakeService((n, _) => n switch
        {
            0 or 1 or 2 => RecordingHandler.Json(HttpStatusCode.ServiceUnavailable, "{\"message\":\"down\"}"),
            3 => RecordingHandler.Json(HttpStatusCode.Conflict, "{\"message\":\"busy\"}"),
            4 or 5 or 6 => RecordingHandler.Json(HttpStatusCode.ServiceUnavailable, "{\"message\":\"down\"}"),
            _ => RecordingHandler.Json(HttpStatusCode.Created, UploadJson.Of("u9")),
        });
        using var client = _factory.Create(handler, o => o.PollInterval = TimeSpan.FromSeconds(2));

        var upload = await client.UploadAsync(file.Path, TilesetId.Parse("roads", "alice"), new UploadOptions { Validate = false });

        Assert.Equal("u9", upload.Id);
        Assert.Equal(8, handler.Requests.Count(r => r.Path == "/uploads/v1/alice"));
        Assert.Equal(new[] { 1, 2, 3, 4, 1, 2, 3, 4 }, _factory.Log.Where(e => e.Operation == UploadsOperations.Create).Select(e => e.Attempt));
        Assert.Contains(TimeSpan.FromSeconds(2), _factory.Delays);
    }

    [Fact]
    public async Task Upload_stages_again_with_fresh_credentials_when_staging_fails_retryably()
    {
        using var file = TempFile.WithText(GeoJson);
        var puts = 0;
        var handler = new RecordingHandler((request, _) =>
        {
            if (request.Path.EndsWith("/credentials", StringComparison.Ordinal))
            {
                return RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Credentials.Replace("abc123", "key" + Guid.NewGuid().ToString("N")));
            }

            if (request.Method == "PUT")
            {
                return puts++ == 0
                    ? new System.Net.Http.HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new System.Net.Http.StringContent("<Error><Code>ExpiredToken</Code><Message>The provided token has expired.</Message></Error>") }
                    : RecordingHandler.Status(HttpStatusCode.OK);
            }

            return RecordingHandler.Json(HttpStatusCode.Created, UploadJson.Of("u1"));
        });
        using var client = _factory.Create(handler);

        await client.UploadAsync(file.Path, TilesetId.Parse("roads", "alice"), new UploadOptions { Validate = false });

        var credentialCalls = handler.Requests.Where(r => r.Path.EndsWith("/credentials", StringComparison.Ordinal)).ToArray();
        var putKeys = handler.Requests.Where(r => r.Method == "PUT").Select(r => r.Path).ToArray();
        Assert.Equal(2, credentialCalls.Length);
        Assert.Equal(2, putKeys.Length);
        Assert.NotEqual(putKeys[0], putKeys[1]);
    }

    [Fact]
    public async Task Upload_validates_the_file_before_any_request()
    {
        using var file = TempFile.WithText("{ this is not json", ".geojson");
        var handler = new RecordingHandler((_, _) => throw new InvalidOperationException("no request expected"));
        using var client = _factory.Create(handler);

        var ex = await Assert.ThrowsAsync<Mapbox.Uploads.Validation.UploadFileValidationException>(() => client.UploadAsync(file.Path, TilesetId.Parse("roads", "alice")));

        Assert.Equal(file.Path, ex.Path);
        Assert.Empty(handler.Requests);
    }
}
