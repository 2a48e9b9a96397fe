using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>
/// What the package adds to a build with nothing to upload: a data project whose N tilesets are already uploaded
/// (stamps up to date) against the same project without the package, built alternately, and the requests sent.
/// </summary>
internal sealed partial class NoOpRebuildCommand : IBenchmarkCommand
{
    public string Name => "noop-rebuild";

    public string Description => "up-to-date rebuild with vs without the package: --repo PATH --work DIR --version V --tilesets N (20) --large-mib N (0: none) --runs N (10)";

    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var tilesets = BenchmarkArguments.Int(args, "--tilesets", 20);
        var runs = BenchmarkArguments.Int(args, "--runs", 10);
        var largeBytes = BenchmarkArguments.Int(args, "--large-mib", 0) * 1024L * 1024L;
        var work = BenchmarkArguments.Text(args, "--work") ?? Path.Combine(Path.GetTempPath(), "mbx-bench", "msbuild");
        var feed = await BenchFeed.CreateAsync(BenchmarkArguments.Text(args, "--repo") ?? ".", work, BenchmarkArguments.Text(args, "--version"));

        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.Zero, RateLimitPerMinute = 0 });
        var environment = new Dictionary<string, string?> { ["MAPBOX_ACCESS_TOKEN"] = emulator.MintToken("bench"), ["CI"] = null };
        string[] build = ["build", "--no-restore", $"-p:MapboxApiUrl={emulator.BaseUrl}", "-v:m", "-clp:PerformanceSummary"];
        var with = new DataSandbox(feed, "noop-with", tilesets, withPackage: true, largeBytes);
        var without = new DataSandbox(feed, "noop-without", tilesets, withPackage: false, largeBytes);
        await with.PrepareAsync(environment, build[2..]);
        await without.PrepareAsync(environment, build[2..]);
        var uploadsSent = emulator.Requests.Count(r => r.Route == EmulatorRoute.Create);
        emulator.ClearRequests();
        Console.WriteLine($"feed {feed.Version}; {tilesets} tilesets (and {largeBytes / (1024 * 1024)} MiB more) uploaded by the first build ({uploadsSent} creates); {runs} alternating runs");

        var withSeconds = new List<double>();
        var withoutSeconds = new List<double>();
        var differences = new List<double>();
        var targetMilliseconds = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            // Alternate which goes first, so a warm disk cache or a neighbour's build favours neither side.
            var order = run % 2 == 1 ? new[] { with, without } : new[] { without, with };
            var seconds = new Dictionary<DataSandbox, ProcessResult>();
            foreach (var sandbox in order)
            {
                seconds[sandbox] = await sandbox.RunAsync(environment, build);
                if (seconds[sandbox].ExitCode != 0)
                {
                    throw new InvalidOperationException($"The no-op build in {sandbox.Directory} failed:\n{seconds[sandbox].Output}");
                }
            }

            var withRun = seconds[with];
            var target = MapboxUploadTargetLine().Match(withRun.Output) is { Success: true } match
                ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
                : double.NaN;
            withSeconds.Add(withRun.Duration.TotalSeconds);
            withoutSeconds.Add(seconds[without].Duration.TotalSeconds);
            differences.Add((withRun.Duration - seconds[without].Duration).TotalMilliseconds);
            targetMilliseconds.Add(target);
            Console.WriteLine(FormattableString.Invariant(
                $"RESULT noop-rebuild run={run} with_s={withRun.Duration.TotalSeconds:F3} without_s={seconds[without].Duration.TotalSeconds:F3} added_ms={differences[^1]:F0} mapbox_target_ms={target:F0}"));
        }

        Console.WriteLine(FormattableString.Invariant(
            $"SUMMARY noop-rebuild tilesets={tilesets} large_mib={largeBytes / (1024 * 1024)} runs={runs} median_with_s={Statistics.Median(withSeconds):F3} median_without_s={Statistics.Median(withoutSeconds):F3} median_added_ms={Statistics.Median(differences):F0} median_mapbox_target_ms={Statistics.Median(targetMilliseconds):F0} requests={emulator.Requests.Count}"));
        return 0;
    }

    // The Target Performance Summary line of the MapboxUpload target: "  123 ms  MapboxUpload  1 calls".
    [GeneratedRegex(@"^\s*(\d+) ms\s+MapboxUpload\s+\d+ calls", RegexOptions.Multiline)]
    private static partial Regex MapboxUploadTargetLine();
}
