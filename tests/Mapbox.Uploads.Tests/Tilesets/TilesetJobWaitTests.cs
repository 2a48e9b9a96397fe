using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Tilesets;

/// <summary>Waiting reads a job until success, failed or superseded, reporting every read.</summary>
public class TilesetJobWaitTests
{
    private static readonly TilesetId Roads = new("alice", "roads");
    private readonly TilesetsClientFactory _factory = new();

    [Theory]
    [InlineData("success")]
    [InlineData("failed")]
    [InlineData("superseded")]
    public async Task The_wait_ends_at_a_final_stage_with_the_job_as_read(string finalStage)
    {
        var stages = new[] { "queued", "processing", finalStage };
        var handler = new RecordingHandler((_, index) => RecordingHandler.Json(HttpStatusCode.OK, TilesetsJson.Job("j1", stages[Math.Min(index, 2)], errors: finalStage == "failed" ? "[\"Layer roads: no features\"]" : "[]")));
        using var client = _factory.Create(handler, o => o.PollInterval = TimeSpan.FromSeconds(1));
        var seen = new Recorder();

        var job = await client.WaitForJobAsync(Roads, "j1", TimeSpan.FromMinutes(5), seen);

        Assert.Equal(finalStage, job.Stage);
        Assert.Equal(stages, seen.Stages);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) }, _factory.Delays);
        Assert.Equal(finalStage == "failed", job.Errors.Contains("Layer roads: no features"));
        Assert.Equal(finalStage == "success", job.Succeeded);
    }

    [Fact]
    public async Task A_job_still_running_at_the_deadline_times_out()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, TilesetsJson.Job("j1", "processing")));
        using var client = _factory.Create(handler, o => o.PollInterval = TimeSpan.FromSeconds(10));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => client.WaitForJobAsync(Roads, "j1", TimeSpan.FromSeconds(30)));

        Assert.Contains("processing", error.Message, StringComparison.Ordinal);
        Assert.True(handler.Requests.Count <= 4);
    }

    [Fact]
    public async Task Several_jobs_are_waited_for_together_in_the_given_order()
    {
        var reads = new Dictionary<string, int>();
        var handler = new RecordingHandler((request, _) =>
        {
            var id = request.Path.Split('/').Last();
            lock (reads)
            {
                reads[id] = reads.TryGetValue(id, out var n) ? n + 1 : 1;
                var stage = id == "slow" ? "processing" : reads[id] > 1 ? "success" : "queued";
                return RecordingHandler.Json(HttpStatusCode.OK, TilesetsJson.Job(id, stage));
            }
        });
        using var client = _factory.Create(handler, o => o.PollInterval = TimeSpan.FromSeconds(5));

        var results = await client.WaitForJobsAsync(new[] { (Roads, "fast"), (new TilesetId("alice", "rivers"), "slow") }, TimeSpan.FromSeconds(20));

        Assert.Equal(new[] { "fast", "slow" }, results.Select(r => r.JobId));
        Assert.True(results[0].Succeeded);
        Assert.True(results[1].TimedOut);
        Assert.Equal("processing", results[1].Job!.Stage);
    }

    private sealed class Recorder : IProgress<TilesetJob>
    {
        public List<string> Stages { get; } = new();

        public void Report(TilesetJob value) => Stages.Add(value.Stage);
    }
}
