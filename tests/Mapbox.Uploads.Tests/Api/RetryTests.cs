using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Api;

public class RetryTests
{
    private readonly ClientFactory _factory = new();

    private static HttpResponseMessage RateLimited(Action<HttpResponseMessage> headers) =>
        RecordingHandler.Json((HttpStatusCode)429, "{\"message\":\"Too Many Requests\"}", headers);

    [Fact]
    public async Task A_429_waits_until_X_Rate_Limit_Reset_then_retries()
    {
        var reset = _factory.Now.AddSeconds(7).ToUnixTimeSeconds();
        var handler = new RecordingHandler((_, index) => index == 0
            ? RateLimited(r =>
            {
                r.Headers.TryAddWithoutValidation("X-Rate-Limit-Interval", "60");
                r.Headers.TryAddWithoutValidation("X-Rate-Limit-Limit", "60");
                r.Headers.TryAddWithoutValidation("X-Rate-Limit-Reset", reset.ToString());
            })
            : RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("u1")));
        using var client = _factory.Create(handler);

        var upload = await client.GetStatusAsync("u1");

        Assert.Equal("u1", upload.Id);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, _factory.Delays);
    }

    [Fact]
    public async Task A_429_with_Retry_After_waits_that_long()
    {
        var handler = new RecordingHandler((_, index) => index == 0
            ? RateLimited(r => r.Headers.TryAddWithoutValidation("Retry-After", "3"))
            : RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("u1")));
        using var client = _factory.Create(handler);

        await client.GetStatusAsync("u1");

        Assert.Equal(new[] { TimeSpan.FromSeconds(3) }, _factory.Delays);
    }

    [Fact]
    public async Task A_429_whose_reset_is_beyond_MaxRateLimitWait_fails_at_once_as_retryable()
    {
        var reset = _factory.Now.AddMinutes(10).ToUnixTimeSeconds();
        var handler = new RecordingHandler((_, _) => RateLimited(r => r.Headers.TryAddWithoutValidation("X-Rate-Limit-Reset", reset.ToString())));
        using var client = _factory.Create(handler);

        var ex = await Assert.ThrowsAsync<MapboxApiException>(() => client.GetStatusAsync("u1"));

        Assert.Equal(429, ex.StatusCode);
        Assert.True(ex.IsRetryable);
        Assert.Contains("600 s", ex.Message);
        Assert.Single(handler.Requests);
        Assert.Empty(_factory.Delays);
    }

    [Fact]
    public async Task A_429_whose_reset_lies_beyond_its_window_waits_one_window_as_the_clocks_disagree()
    {
        // The service's clock is ten minutes ahead of this machine's: its reset, 7 s away for it, is 607 s away here.
        var reset = _factory.Now.AddMinutes(10).AddSeconds(7).ToUnixTimeSeconds();
        var handler = new RecordingHandler((_, index) => index == 0
            ? RateLimited(r =>
            {
                r.Headers.TryAddWithoutValidation("X-Rate-Limit-Interval", "60");
                r.Headers.TryAddWithoutValidation("X-Rate-Limit-Reset", reset.ToString());
            })
            : RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("u1")));
        using var client = _factory.Create(handler);

        await client.GetStatusAsync("u1");

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(new[] { TimeSpan.FromSeconds(60) }, _factory.Delays);
    }

    [Theory]
    [InlineData("1e20")]
    [InlineData("Infinity")]
    [InlineData("1767323045000")] // the reset in milliseconds, as a proxy might send it
    public async Task A_429_whose_reset_is_beyond_any_date_fails_as_rate_limited_rather_than_crashing(string reset)
    {
        var handler = new RecordingHandler((_, _) => RateLimited(r => r.Headers.TryAddWithoutValidation("X-Rate-Limit-Reset", reset)));
        using var client = _factory.Create(handler);

        var ex = await Assert.ThrowsAsync<MapboxApiException>(() => client.GetStatusAsync("u1"));

        Assert.Equal(429, ex.StatusCode);
        Assert.True(ex.IsRetryable);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_429_whose_reset_is_not_a_number_backs_off_and_retries()
    {
        var handler = new RecordingHandler((_, index) => index == 0
            ? RateLimited(r => r.Headers.TryAddWithoutValidation("X-Rate-Limit-Reset", "NaN"))
            : RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("u1")));
        using var client = _factory.Create(handler);

        await client.GetStatusAsync("u1");

        Assert.Equal(2, handler.Requests.Count);
        Assert.InRange(Assert.Single(_factory.Delays).TotalMilliseconds, 50, 100);
    }

    [Fact]
    public async Task Repeated_429s_stop_at_MaxAttempts()
    {
        var handler = new RecordingHandler((_, _) => RateLimited(r => r.Headers.TryAddWithoutValidation("Retry-After", "1")));
        using var client = _factory.Create(handler);

        var ex = await Assert.ThrowsAsync<MapboxApiException>(() => client.ListAsync().GetAsyncEnumerator().MoveNextAsync().AsTask());

        Assert.Equal(429, ex.StatusCode);
        Assert.Equal(4, handler.Requests.Count);
        Assert.Equal(3, _factory.Delays.Count);
    }

    [Fact]
    public async Task Server_errors_back_off_exponentially_with_jitter_then_succeed()
    {
        var handler = new RecordingHandler((_, index) => index < 3
            ? RecordingHandler.Json((HttpStatusCode)(500 + index), "{\"message\":\"oops\"}")
            : RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("u1")));
        using var client = _factory.Create(handler);

        await client.GetStatusAsync("u1");

        var delays = _factory.Delays.Select(d => d.TotalMilliseconds).ToArray();
        Assert.Equal(3, delays.Length);
        Assert.InRange(delays[0], 50, 100);
        Assert.InRange(delays[1], 100, 200);
        Assert.InRange(delays[2], 200, 400);
    }

    [Fact]
    public async Task Backoff_is_capped_by_MaxDelay()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Status(HttpStatusCode.ServiceUnavailable));
        using var client = _factory.Create(handler, o => o.Retry = new RetryOptions { MaxAttempts = 8, InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(3) });

        var ex = await Assert.ThrowsAsync<MapboxApiException>(() => client.GetStatusAsync("u1"));

        Assert.Equal(503, ex.StatusCode);
        Assert.True(ex.IsRetryable);
        Assert.Equal(8, handler.Requests.Count);
        // One wait before each retry: uncapped, the later ones would run to a minute and more.
        Assert.Equal(7, _factory.Delays.Count);
        Assert.All(_factory.Delays, d => Assert.True(d <= TimeSpan.FromSeconds(3)));
    }

    [Theory]
    [InlineData("http")]
    [InlineData("io")]
    [InlineData("timeout")]
    public async Task Dropped_connections_are_retried(string failure)
    {
        var handler = new RecordingHandler((_, index) => index == 0
            ? throw failure switch
            {
                "http" => new HttpRequestException("The response ended prematurely."),
                "io" => new IOException("Unable to read data from the transport connection."),
                _ => new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout."),
            }
            : RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("u1")));
        using var client = _factory.Create(handler);

        var upload = await client.GetStatusAsync("u1");

        Assert.Equal("u1", upload.Id);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task A_response_body_cut_short_is_retried()
    {
        var handler = new RecordingHandler((_, index) => index == 0
            ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new TruncatedContent() }
            : RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("u1")));
        using var client = _factory.Create(handler);

        var upload = await client.GetStatusAsync("u1");

        Assert.Equal("u1", upload.Id);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Single(_factory.Delays);
    }

    [Fact]
    public async Task A_connection_that_keeps_dropping_gives_status_0_and_the_cause()
    {
        var handler = new RecordingHandler((_, _) => throw new HttpRequestException("Connection refused"));
        using var client = _factory.Create(handler);

        var ex = await Assert.ThrowsAsync<MapboxApiException>(() => client.GetStatusAsync("u1"));

        Assert.Equal(0, ex.StatusCode);
        Assert.True(ex.IsRetryable);
        Assert.Contains("Connection refused", ex.Message);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(404)]
    [InlineData(409)]
    [InlineData(422)]
    public async Task Other_4xx_fail_at_once(int status)
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json((HttpStatusCode)status, "{\"message\":\"no\"}"));
        using var client = _factory.Create(handler);

        var ex = await Assert.ThrowsAsync<MapboxApiException>(() => client.GetStatusAsync("u1"));

        Assert.Equal(status, ex.StatusCode);
        Assert.Single(handler.Requests);
        Assert.Empty(_factory.Delays);
    }

    [Fact]
    public async Task A_retried_create_resends_the_same_body()
    {
        var handler = new RecordingHandler((_, index) => index == 0
            ? RecordingHandler.Status(HttpStatusCode.BadGateway)
            : RecordingHandler.Json(HttpStatusCode.Created, UploadJson.Of("u1")));
        using var client = _factory.Create(handler);

        await client.CreateAsync(new UploadRequest(TilesetId.Parse("roads", "alice"), "https://x/y"));

        Assert.Equal(2, handler.Requests.Count);
        Assert.NotEmpty(handler.Requests[0].Body!);
        Assert.Equal(handler.Requests[0].Body, handler.Requests[1].Body);
    }

    [Theory]
    [InlineData(409, "{\"message\":\"Conflict\"}", true)]
    [InlineData(422, "{\"message\":\"The tileset alice.roads is busy: an upload is still processing.\"}", true)]
    [InlineData(422, "{\"message\":\"Invalid \\\"tileset\\\" value\"}", false)]
    [InlineData(422, "{\"message\":\"The request body contains the invalid property \\\"x\\\".\"}", false)]
    public async Task Busy_is_409_or_a_422_that_says_busy_or_processing(int status, string body, bool busy)
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json((HttpStatusCode)status, body));
        using var client = _factory.Create(handler);

        var ex = await Assert.ThrowsAsync<MapboxApiException>(() => client.CreateAsync(new UploadRequest(TilesetId.Parse("roads", "alice"), "https://x/y")));

        Assert.Equal(busy, ex.IsTilesetBusy);
        Assert.Equal(busy, ex.IsRetryable);
    }

    /// <summary>A body whose connection ends after a few bytes, as an unexpected EOF does.</summary>
    private sealed class TruncatedContent : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes("{\"id\":\"u"));
            throw new IOException("The response ended prematurely.");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 500;
            return true;
        }
    }
}
