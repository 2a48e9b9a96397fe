using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Tilesets;

/// <summary>
/// Publishes are 2 a minute, so a build with a third, or a second build within the minute, waits: the client says so
/// before it waits, whether its own budget holds the request back or the service's 429 names the reset.
/// </summary>
public sealed class TilesetsRateLimitNoticeTests
{
    private const string Published = "{\"message\":\"ok\",\"jobId\":\"j1\"}";
    private static readonly TilesetId Roads = new("alice", "roads");

    private readonly TilesetsClientFactory _factory = new();
    private readonly ConcurrentQueue<RateLimitWait> _notices = new();

    [Fact]
    public async Task A_third_publish_within_the_minute_is_announced_with_its_wait_and_the_publish_budget()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, Published));
        using var client = _factory.Create(handler, o => o.RateLimitWaiting = _notices.Enqueue);

        for (var i = 0; i < 3; i++)
        {
            await client.PublishAsync(Roads);
        }

        var notice = Assert.Single(_notices);
        Assert.Equal((2, TimeSpan.FromMinutes(1)), (notice.Limit, notice.Interval));
        Assert.Equal(_factory.Delays, [notice.Delay]);
    }

    [Fact]
    public async Task A_429_reset_that_the_budget_did_not_foresee_is_announced_before_the_wait()
    {
        var reset = _factory.Now.AddSeconds(58).ToUnixTimeSeconds();
        var handler = new RecordingHandler((_, index) => index == 0
            ? RecordingHandler.Json((HttpStatusCode)429, "{\"message\":\"Too Many Requests\"}", r => r.Headers.TryAddWithoutValidation("X-Rate-Limit-Reset", reset.ToString()))
            : RecordingHandler.Json(HttpStatusCode.OK, Published));
        using var client = _factory.Create(handler, o => o.RateLimitWaiting = _notices.Enqueue);

        await client.PublishAsync(Roads);

        Assert.Equal([TimeSpan.FromSeconds(58)], _factory.Delays);
        Assert.Equal("waiting 58 s for the rate limit (2 requests a minute)", Assert.Single(_notices).ToString());
    }
}
