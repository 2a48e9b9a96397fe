using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Api;

/// <summary>The client keeps its API requests within the account's budget instead of learning it from 429s.</summary>
public class RequestPacingTests
{
    // The pacer counts a minute plus a second, for the time a request spends reaching the service.
    private static readonly TimeSpan PacedMinute = TimeSpan.FromSeconds(61);

    private readonly ClientFactory _factory = new();
    private readonly ConcurrentQueue<DateTimeOffset> _sentAt = new();

    [Fact]
    public async Task Never_more_than_the_budget_in_any_window_and_no_wait_beyond_it()
    {
        var start = _factory.Now;
        using var client = AdvancingClient(5, RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("u1")));

        for (var i = 0; i < 12; i++)
        {
            await client.GetStatusAsync("u1");
        }

        var offsets = _sentAt.Select(sent => sent - start).ToArray();
        Assert.Equal(Enumerable.Repeat(TimeSpan.Zero, 5).Concat(Enumerable.Repeat(PacedMinute, 5)).Concat(Enumerable.Repeat(PacedMinute * 2, 2)), offsets);
        Assert.All(offsets, first => Assert.True(offsets.Count(other => other >= first && other < first + TimeSpan.FromMinutes(1)) <= 5));
    }

    [Fact]
    public async Task Concurrent_callers_each_get_their_own_turn()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("u1")));
        _factory.Clock.StandsStill = true;
        using var client = _factory.Create(handler, o => o.MaxRequestsPerMinute = 5);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => client.GetStatusAsync("u1"))));

        // The clock stands still, so every turn after the first five is a recorded wait: 5 of one paced minute, 5 of two, 5 of three.
        var waits = _factory.Delays.OrderBy(wait => wait).ToArray();
        var expected = new[] { 1, 2, 3 }.SelectMany(minutes => Enumerable.Repeat(PacedMinute * minutes, 5));
        Assert.True(expected.SequenceEqual(waits), string.Join(" ", waits));
        Assert.Equal(20, handler.Requests.Count);
    }

    [Fact]
    public async Task The_budget_in_the_service_headers_replaces_the_configured_one()
    {
        var start = _factory.Now;
        using var client = AdvancingClient(60, RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("u1"), r =>
        {
            r.Headers.TryAddWithoutValidation("X-Rate-Limit-Limit", "2");
            r.Headers.TryAddWithoutValidation("X-Rate-Limit-Interval", "10");
        }));

        for (var i = 0; i < 5; i++)
        {
            await client.GetStatusAsync("u1");
        }

        Assert.Equal(new[] { 0, 0, 11, 11, 22 }, _sentAt.Select(sent => (int)(sent - start).TotalSeconds));
    }

    [Fact]
    public async Task Zero_turns_pacing_off()
    {
        using var client = AdvancingClient(0, RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("u1")));

        for (var i = 0; i < 70; i++)
        {
            await client.GetStatusAsync("u1");
        }

        Assert.Empty(_factory.Delays);
        Assert.Equal(70, _sentAt.Count);
    }

    [Fact]
    public async Task Cancellation_interrupts_a_paced_wait()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("u1")));
        using var client = _factory.Create(handler, o =>
        {
            o.MaxRequestsPerMinute = 1;
            o.Clock = null;
        });
        await client.GetStatusAsync("u1");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var elapsed = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetStatusAsync("u1", cancel.Token));

        Assert.True(elapsed.Elapsed < TimeSpan.FromSeconds(20), elapsed.Elapsed.ToString());
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Every_paced_wait_is_announced_with_its_length_and_budget_before_it_starts()
    {
        var notices = new ConcurrentQueue<(RateLimitWait Notice, int DelaysSoFar)>();
        using var client = AdvancingClient(2, RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("u1")),
            o => o.RateLimitWaiting = notice => notices.Enqueue((notice, _factory.Delays.Count)));

        for (var i = 0; i < 5; i++)
        {
            await client.GetStatusAsync("u1");
        }

        Assert.Equal([(PacedMinute, 2, TimeSpan.FromMinutes(1), 0), (PacedMinute, 2, TimeSpan.FromMinutes(1), 1)],
            notices.Select(n => (n.Notice.Delay, n.Notice.Limit, n.Notice.Interval, n.DelaysSoFar)));
        Assert.Equal(_factory.Delays, notices.Select(n => n.Notice.Delay));
        Assert.Equal("waiting 61 s for the rate limit (2 requests a minute)", notices.First().Notice.ToString());
        Assert.Equal("waiting 2 s for the rate limit (3 requests per 10 s)", new RateLimitWait(TimeSpan.FromSeconds(1.2), 3, TimeSpan.FromSeconds(10)).ToString());
    }

    [Fact]
    public void A_negative_budget_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new UploadsClientOptions { MaxRequestsPerMinute = -1 });
        Assert.Equal(60, new UploadsClientOptions().MaxRequestsPerMinute);
    }

    /// <summary>A paced client on the fake clock; the handler notes the clock at every request.</summary>
    private UploadsClient AdvancingClient(int budget, System.Net.Http.HttpResponseMessage template, Action<UploadsClientOptions>? configure = null)
    {
        var body = template.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        var handler = new RecordingHandler((_, _) =>
        {
            _sentAt.Enqueue(_factory.Now);
            var response = RecordingHandler.Json(template.StatusCode, body);
            foreach (var header in template.Headers)
            {
                response.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return response;
        });
        return _factory.Create(handler, o =>
        {
            o.MaxRequestsPerMinute = budget;
            configure?.Invoke(o);
        });
    }
}
