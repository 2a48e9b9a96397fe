using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>
/// Wall time of a real <c>dotnet build</c> of a data project with N tilesets against one with a single tileset, every
/// upload taking the same simulated processing time on the in-process emulator, and how many 429s the emulator
/// answered (its per-token limit, 60 a minute by default). Each build gets a fresh token, so a fresh rate window.
/// </summary>
internal sealed class ParallelTilesetsCommand : IBenchmarkCommand
{
    public string Name => "parallel-tilesets";

    public string Description =>
        "dotnet build of N tilesets vs 1: --repo PATH --work DIR --version V --tilesets N (20) --processing-seconds S (5) --rate-limit N (60) --max-parallel 4,20 --runs N (2)";

    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var tilesets = BenchmarkArguments.Int(args, "--tilesets", 20);
        var processingSeconds = BenchmarkArguments.Int(args, "--processing-seconds", 5);
        var rateLimit = BenchmarkArguments.Int(args, "--rate-limit", 60);
        var runs = BenchmarkArguments.Int(args, "--runs", 2);
        var parallels = (BenchmarkArguments.Text(args, "--max-parallel") ?? "4,20").Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        var work = BenchmarkArguments.Text(args, "--work") ?? Path.Combine(Path.GetTempPath(), "mbx-bench", "msbuild");
        var feed = await BenchFeed.CreateAsync(BenchmarkArguments.Text(args, "--repo") ?? ".", work, BenchmarkArguments.Text(args, "--version"));

        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            ProcessingTime = TimeSpan.FromSeconds(processingSeconds),
            RateLimitPerMinute = rateLimit,
        });
        var properties = new[] { $"-p:MapboxApiUrl={emulator.BaseUrl}", "-p:MapboxUploadForce=true", "-v:m" };
        var one = new DataSandbox(feed, "parallel-one", 1, withPackage: true);
        var many = new DataSandbox(feed, $"parallel-{tilesets}", tilesets, withPackage: true);
        await one.PrepareAsync(Token(emulator), [.. properties, "-p:MapboxUploadWait=false"]);
        await many.PrepareAsync(Token(emulator), [.. properties, "-p:MapboxUploadWait=false", "-p:MapboxUploadMaxParallel=20"]);
        Console.WriteLine($"feed {feed.Version}; emulator processing {processingSeconds} s, rate limit {rateLimit}/min; {tilesets} tilesets vs 1; {runs} run(s)");

        var ratios = parallels.ToDictionary(p => p, _ => new List<double>());
        for (var run = 1; run <= runs; run++)
        {
            // The emulator must finish processing the preparation's uploads before the tilesets are sent again.
            await Task.Delay(TimeSpan.FromSeconds(processingSeconds + 1));
            var single = await BuildAsync(emulator, one, properties, maxParallel: 4);
            Report(run, 1, 4, single, null);
            foreach (var parallel in parallels)
            {
                await Task.Delay(TimeSpan.FromSeconds(processingSeconds + 1));
                var all = await BuildAsync(emulator, many, properties, parallel);
                ratios[parallel].Add(all.Seconds / single.Seconds);
                Report(run, tilesets, parallel, all, single);
            }
        }

        foreach (var (parallel, values) in ratios)
        {
            Console.WriteLine(FormattableString.Invariant($"SUMMARY parallel-tilesets tilesets={tilesets} max_parallel={parallel} median_ratio={Statistics.Median(values):F2} runs={values.Count}"));
        }

        return 0;
    }

    private static async Task<BuildFigures> BuildAsync(EmulatorServer emulator, DataSandbox sandbox, string[] properties, int maxParallel)
    {
        emulator.ClearRequests();
        var result = await sandbox.RunAsync(Token(emulator), ["build", "--no-restore", .. properties, $"-p:MapboxUploadMaxParallel={maxParallel}"]);
        var requests = emulator.Requests;
        if (result.ExitCode != 0)
        {
            Console.WriteLine($"build in {sandbox.Directory} failed (exit {result.ExitCode}):\n{string.Join('\n', result.Output.Split('\n').Where(l => l.Contains("error", StringComparison.Ordinal)).Take(10))}");
        }

        return new BuildFigures(
            result.Duration.TotalSeconds,
            result.ExitCode,
            requests.Count(r => r.Route != EmulatorRoute.S3),
            requests.Count(r => r.StatusCode == 429),
            requests.Count(r => r.Route == EmulatorRoute.Status));
    }

    private static void Report(int run, int tilesets, int maxParallel, BuildFigures figures, BuildFigures? single) =>
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT parallel-tilesets run={run} tilesets={tilesets} max_parallel={maxParallel} exit={figures.ExitCode} wall_s={figures.Seconds:F1}")
            + (single is null ? string.Empty : FormattableString.Invariant($" ratio_vs_one={figures.Seconds / single.Seconds:F2}"))
            + FormattableString.Invariant($" api_requests={figures.ApiRequests} status_polls={figures.StatusPolls} answered_429={figures.RateLimited}"));

    private static Dictionary<string, string?> Token(EmulatorServer emulator) => new() { ["MAPBOX_ACCESS_TOKEN"] = emulator.MintToken("bench"), ["CI"] = null };

    private sealed record BuildFigures(double Seconds, int ExitCode, int ApiRequests, int RateLimited, int StatusPolls);
}
