using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;
using Mapbox.Uploads.Emulator;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>
/// Staging inside a real <c>dotnet build</c> of the packed package: the emulator's credentials point at a discarding S3
/// (<c>--staging-url</c>), and each run builds a GeoTIFF of the given size under a new tileset (so it is never up to
/// date), the same project with <c>EnableMapboxUpload=false</c>, and <c>curl -T</c> of the same file to the same S3,
/// from a warm page cache. Staging is the window from the credentials request to the create request (the emulator's
/// request times), its CPU the build's process tree's in that window (<see cref="TreeCpuSampler"/>); the whole
/// target (checks, staging, create) and the upload's CPU (the difference between the two builds) are reported too.
/// </summary>
internal sealed partial class BuildStageCommand : IBenchmarkCommand
{
    private const double GiB = 1024.0 * 1024 * 1024;
    private static readonly TimeSpan CurlTimeout = TimeSpan.FromMinutes(10);

    public string Name => "build-stage";

    public string Description => "stage a GeoTIFF in a real dotnet build vs curl -T: --s3 URL --repo PATH --work DIR --version V --size-mb N (1024) --runs N (3)";

    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var s3 = new Uri(BenchmarkArguments.Text(args, "--s3") ?? throw new ArgumentException("--s3 is required."));
        var sizeBytes = BenchmarkArguments.Int(args, "--size-mb", 1024) * 1024L * 1024;
        var runs = BenchmarkArguments.Int(args, "--runs", 3);
        var work = BenchmarkArguments.Text(args, "--work") ?? Path.Combine(Path.GetTempPath(), "mbx-bench", "msbuild");
        var feed = await BenchFeed.CreateAsync(BenchmarkArguments.Text(args, "--repo") ?? ".", work, BenchmarkArguments.Text(args, "--version"));

        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.Zero, RateLimitPerMinute = 0, StagingUrl = s3 });
        var environment = new Dictionary<string, string?> { ["MAPBOX_ACCESS_TOKEN"] = emulator.MintToken("bench"), ["CI"] = null };
        var sandbox = Path.Combine(feed.Root, "sandboxes", "build-stage");
        var data = WriteSandbox(feed, sandbox, sizeBytes);
        var restore = await RunBuildAsync(feed, sandbox, environment, "restore");
        if (restore.Result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet restore in {sandbox} failed:\n{restore.Result.Output}");
        }

        // Warm: the file in the page cache, and the SDK's own first-run work done, before anything is timed.
        await CurlAsync(s3, data);
        await BuildAsync(feed, sandbox, environment, emulator, "-p:EnableMapboxUpload=false");

        var rows = new List<(double Build, double Off, double Target, double Curl, double BuildCpu, double OffCpu, double CurlCpu, double Staging, double StagingCpu)>();
        await using var sampler = new TreeCpuSampler();
        for (var run = 1; run <= runs; run++)
        {
            var curl = await CurlAsync(s3, data);
            var on = await BuildAsync(feed, sandbox, environment, emulator, $"-p:MapId=bench{run:D2}{Environment.ProcessId}");
            // The staging window as the issue defines it: from the credentials request to the create request.
            var requests = emulator.Requests;
            var credentialsAt = requests.Last(r => r.Route == EmulatorRoute.Credentials).ReceivedAt;
            var createAt = requests.Last(r => r.Route == EmulatorRoute.Create).ReceivedAt;
            var staging = (createAt - credentialsAt).TotalSeconds;
            var stagingCpu = sampler.CpuBetween(credentialsAt, createAt);
            var off = await BuildAsync(feed, sandbox, environment, emulator, "-p:EnableMapboxUpload=false");
            var target = MapboxUploadTargetLine().Match(on.Result.Output) is { Success: true } match
                ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) / 1000
                : double.NaN;
            rows.Add((on.Wall, off.Wall, target, curl.Wall, on.Cpu, off.Cpu, curl.Cpu, staging, stagingCpu));
            Console.WriteLine(FormattableString.Invariant(
                $"RESULT build-stage run={run} load={ProcessFigures.LoadAverage()} build_s={on.Wall:F2} build_off_s={off.Wall:F2} mapbox_target_s={target:F2} staging_s={staging:F2} curl_s={curl.Wall:F2} staging_vs_curl={curl.Wall / staging:F2} target_vs_curl={curl.Wall / target:F2} staging_cpu_s={stagingCpu:F2} upload_cpu_s={on.Cpu - off.Cpu:F2} curl_cpu_s={curl.Cpu:F2}"));
        }

        var gib = sizeBytes / GiB;
        Console.WriteLine(FormattableString.Invariant(
            $"SUMMARY build-stage s3={s3} gib={gib:F2} runs={runs} median_staging_s={Statistics.Median(rows.Select(r => r.Staging)):F2} median_target_s={Statistics.Median(rows.Select(r => r.Target)):F2} median_curl_s={Statistics.Median(rows.Select(r => r.Curl)):F2} median_staging_vs_curl={Statistics.Median(rows.Select(r => r.Curl / r.Staging)):F2} median_target_vs_curl={Statistics.Median(rows.Select(r => r.Curl / r.Target)):F2} staging_cpu_s_per_gib={Statistics.Median(rows.Select(r => r.StagingCpu)) / gib:F2} median_build_s={Statistics.Median(rows.Select(r => r.Build)):F2} median_build_off_s={Statistics.Median(rows.Select(r => r.Off)):F2} upload_cpu_s_per_gib={Statistics.Median(rows.Select(r => r.BuildCpu - r.OffCpu)) / gib:F2} curl_cpu_s_per_gib={Statistics.Median(rows.Select(r => r.CurlCpu)) / gib:F2}"));
        return 0;
    }

    private static string WriteSandbox(BenchFeed feed, string directory, long sizeBytes)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        SandboxFolder.Create(directory, feed.Repository, feed);
        var data = Path.Combine(directory, "big.tif");
        using (var file = File.Create(data))
        {
            // A valid GeoTIFF directory, then random pixels: the checks read the header, the hash and staging read it all.
            var header = FormatSamples.Tiff(true, false, [8], FormatSamples.GeoKeyDirectory, FormatSamples.ModelPixelScale, FormatSamples.ModelTiepoint);
            file.Write(header);
            var block = new byte[1024 * 1024];
            var random = new Random(1);
            for (var written = (long)header.Length; written < sizeBytes; written += block.Length)
            {
                random.NextBytes(block);
                file.Write(block, 0, (int)Math.Min(block.Length, sizeBytes - written));
            }
        }

        var project = new XElement("Project", new XAttribute("Sdk", "Microsoft.NET.Sdk"),
            new XElement("PropertyGroup",
                new XElement("TargetFramework", "net10.0"),
                new XElement("ImplicitUsings", "disable"),
                new XElement("MapId", "bench")),
            new XElement("ItemGroup", new XElement("PackageReference", new XAttribute("Include", "Mapbox.Uploads.Build"), new XAttribute("Version", feed.Version))),
            new XElement("ItemGroup", new XElement("MapboxTileset", new XAttribute("Include", "big.tif"), new XAttribute("MapId", "$(MapId)"))));
        File.WriteAllText(Path.Combine(directory, "Data.csproj"), project.ToString());
        return data;
    }

    private static async Task<(ProcessResult Result, double Wall, double Cpu)> BuildAsync(
        BenchFeed feed, string sandbox, Dictionary<string, string?> environment, EmulatorServer emulator, string property)
    {
        // The compiler in-process: a compiler server would run outside the measured process tree.
        var build = await RunBuildAsync(feed, sandbox, environment, "build", "--no-restore", $"-p:MapboxApiUrl={emulator.BaseUrl}", "-p:UseSharedCompilation=false", property, "-v:m", "-clp:PerformanceSummary");
        if (build.Result.ExitCode != 0)
        {
            throw new InvalidOperationException($"The build in {sandbox} failed:\n{build.Result.Output}");
        }

        return build;
    }

    private static async Task<(ProcessResult Result, double Wall, double Cpu)> RunBuildAsync(BenchFeed feed, string sandbox, Dictionary<string, string?> environment, params string[] arguments)
    {
        var withCache = new Dictionary<string, string?>(environment) { ["NUGET_PACKAGES"] = feed.PackagesDirectory };
        var cpuBefore = ProcessFigures.ChildrenCpuSeconds();
        var result = await DotnetProcess.RunAsync(sandbox, [.. arguments.Take(1), Path.Combine(sandbox, "Data.csproj"), "-nr:false", .. arguments.Skip(1)], withCache, TimeSpan.FromMinutes(10));
        return (result, result.Duration.TotalSeconds, ProcessFigures.ChildrenCpuSeconds() - cpuBefore);
    }

    private static async Task<(double Wall, double Cpu)> CurlAsync(Uri s3, string file)
    {
        var start = new ProcessStartInfo("curl", ["-sS", "-f", "-o", "/dev/null", "-T", file, new Uri(s3, "bench-bucket/curl").ToString()]);
        var cpuBefore = ProcessFigures.ChildrenCpuSeconds();
        var timer = Stopwatch.StartNew();
        using var curl = Process.Start(start)!;
        using var bound = new System.Threading.CancellationTokenSource(CurlTimeout);
        await curl.WaitForExitAsync(bound.Token);
        timer.Stop();
        if (curl.ExitCode != 0)
        {
            throw new InvalidOperationException($"curl -T {file} to {s3} exited with {curl.ExitCode}.");
        }

        return (timer.Elapsed.TotalSeconds, ProcessFigures.ChildrenCpuSeconds() - cpuBefore);
    }


    // The Target Performance Summary line of the MapboxUpload target: "  123 ms  MapboxUpload  1 calls".
    [GeneratedRegex(@"^\s*(\d+) ms\s+MapboxUpload\s+\d+ calls", RegexOptions.Multiline)]
    private static partial Regex MapboxUploadTargetLine();
}
