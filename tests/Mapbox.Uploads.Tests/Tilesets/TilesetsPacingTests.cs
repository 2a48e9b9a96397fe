using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Tilesets;

/// <summary>Each endpoint class keeps to its own budget: publish 2 a minute queues, reads do not wait behind it.</summary>
public class TilesetsPacingTests
{
    private static readonly TilesetId Roads = new("alice", "roads");
    private readonly TilesetsClientFactory _factory = new();
    private readonly ConcurrentQueue<(string Method, TimeSpan At)> _sent = new();

    [Fact]
    public async Task Publishing_waits_for_the_two_per_minute_budget_while_reads_go_at_once()
    {
        var start = _factory.Now;
        using var client = _factory.Create(Handler(start));

        for (var i = 0; i < 5; i++)
        {
            await client.PublishAsync(Roads);
            await client.GetJobAsync(Roads, "j");
        }

        var publishes = _sent.Where(s => s.Method == "POST").Select(s => (int)s.At.TotalSeconds);
        Assert.Equal(new[] { 0, 0, 61, 61, 122 }, publishes);
        Assert.All(_sent.Where(s => s.Method == "GET"), read => Assert.Contains(read.At, _sent.Where(s => s.Method == "POST").Select(s => s.At)));
    }

    [Fact]
    public async Task Concurrent_publishes_all_get_through_without_a_refusal()
    {
        var start = _factory.Now;
        using var client = _factory.Create(Handler(start));

        var jobs = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(() => client.PublishAsync(new TilesetId("alice", "t" + i)))));

        Assert.Equal(6, jobs.Length);
        Assert.Equal(6, _sent.Count);
        Assert.All(_factory.Log, entry => Assert.Equal(200, entry.StatusCode));
    }

    [Fact]
    public async Task Pacing_can_be_turned_off()
    {
        using var client = _factory.Create(Handler(_factory.Now), o => o.PaceRequests = false);

        for (var i = 0; i < 5; i++)
        {
            await client.PublishAsync(Roads);
        }

        Assert.Empty(_factory.Delays);
    }

    private RecordingHandler Handler(DateTimeOffset start) => new((request, _) =>
    {
        _sent.Enqueue((request.Method, _factory.Now - start));
        return request.Method == "POST"
            ? RecordingHandler.Json(HttpStatusCode.OK, "{\"message\":\"ok\",\"jobId\":\"j\"}")
            : RecordingHandler.Json(HttpStatusCode.OK, TilesetsJson.Job("j", "queued"));
    });
}
