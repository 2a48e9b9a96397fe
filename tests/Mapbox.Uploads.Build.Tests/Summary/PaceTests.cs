using System;
using System.Linq;
using Mapbox.Uploads.Build.Tests.Infrastructure;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Mapbox.Uploads.Build.Tests.Summary;

/// <summary>Slow steps say why they are slow, at a pace a person can read.</summary>
public sealed class PaceTests
{
    private TimeSpan _now;

    [Fact]
    public void A_line_passes_first_then_once_per_interval()
    {
        var pace = new Pace(TimeSpan.FromSeconds(10), () => _now);

        var passed = new[] { 0, 3, 9.9, 10, 15, 20.5 }.Where(seconds =>
        {
            _now = TimeSpan.FromSeconds(seconds);
            return pace.Due();
        });

        Assert.Equal([0, 10, 20.5], passed.ToArray());
    }

    [Fact]
    public void A_rate_limit_wait_is_said_in_words_when_it_is_long_enough_to_notice()
    {
        var (engine, log) = Log();
        var waits = new RateLimitLog(log, new Pace(TimeSpan.FromSeconds(10), () => _now));

        waits.Report(new RateLimitWait(TimeSpan.FromMilliseconds(300), 60, TimeSpan.FromMinutes(1)));
        waits.Report(new RateLimitWait(TimeSpan.FromSeconds(11.2), 60, TimeSpan.FromMinutes(1)));
        waits.Report(new RateLimitWait(TimeSpan.FromSeconds(12), 60, TimeSpan.FromMinutes(1)));

        Assert.Equal(["Mapbox: waiting 12 s for the rate limit (60 requests a minute)."], engine.MessagesAt(MessageImportance.High));
    }

    [Fact]
    public void Processing_progress_is_logged_at_high_importance_at_a_readable_pace()
    {
        var (engine, log) = Log();
        var progress = new ProcessingProgressLog(new TilesetId("cityworks", "roads"), log, new Pace(TimeSpan.FromSeconds(10), () => _now));

        foreach (var (seconds, fraction) in new[] { (0, 0.0), (2, 0.5), (11, 0.6), (12, 0.9), (30, 0.9), (45, 0.9) })
        {
            _now = TimeSpan.FromSeconds(seconds);
            progress.Report(new Upload { Id = "u1", Progress = fraction });
        }

        Assert.Equal(
            // 90% at 12 s is too soon after 60% at 11 s; it is said at 30 s, and not again at 45 s, where nothing moved.
            ["Mapbox: cityworks.roads processing 0% (upload u1).", "Mapbox: cityworks.roads processing 60% (upload u1).", "Mapbox: cityworks.roads processing 90% (upload u1)."],
            engine.MessagesAt(MessageImportance.High));
    }

    [Fact]
    public void Checking_a_large_file_says_so_when_it_begins_then_how_far_it_has_read_at_a_readable_pace()
    {
        var (engine, log) = Log();
        var item = new ItemRef(new TaskItem("data/big.geojson"), "/repo/data/big.geojson", new TilesetId("cityworks", "big"));
        const long Length = 1_000_000_000;

        var progress = new CheckingProgressLog(item, Length, log, new Pace(TimeSpan.FromSeconds(10), () => _now));
        foreach (var (seconds, read) in new[] { (1, 100_000_000L), (10, 400_000_000L), (14, 600_000_000L), (21, Length) })
        {
            _now = TimeSpan.FromSeconds(seconds);
            progress.Report(read);
        }

        Assert.Equal(
            // 60% at 14 s is too soon after 40% at 10 s, and the end needs no line: what follows says the checks passed.
            ["Mapbox: checking data/big.geojson for tileset cityworks.big (1.0 GB) before sending it.", "Mapbox: checking data/big.geojson: 400 MB of 1.0 GB read (40%)."],
            engine.MessagesAt(MessageImportance.High));
    }

    private static (FakeBuildEngine Engine, BuildLog Log) Log()
    {
        var engine = new FakeBuildEngine();
        var task = new ProbeTask { BuildEngine = engine };
        return (engine, new BuildLog(new TaskLoggingHelper(task)));
    }

    private sealed class ProbeTask : Task
    {
        public override bool Execute() => true;
    }
}
