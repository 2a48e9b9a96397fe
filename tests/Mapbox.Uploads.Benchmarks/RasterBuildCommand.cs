using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Mapbox.Uploads.Emulator;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>
/// A raster tileset source sent by a real <c>dotnet build</c> of the packed package against the emulator, next to
/// <c>curl -F file=@…</c> sending the same GeoTIFF to the same route as the same multipart request (the way the
/// official tilesets CLI sends it), from a warm page cache, in alternating order. Each source request is timed from
/// the server's side, request arrival to answer (the emulator's request record), for curl and for the build alike;
/// the build's CPU in that window is its process tree's (<see cref="TreeCpuSampler"/>), its peak memory the largest
/// VmHWM of its processes (<see cref="TreeMemorySampler"/>). Sizes above 4 GiB are BigTIFFs (<see cref="BigGeoTiffWriter"/>).
/// </summary>
internal sealed class RasterBuildCommand : IBenchmarkCommand
{
    private const double GiB = 1024.0 * 1024 * 1024;
    private const string Account = "bench";
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(20);

    public string Name => "raster-build";

    public string Description => "publish a GeoTIFF source in a real dotnet build vs curl -F to the same emulator route: --repo PATH --work DIR --data DIR --version V --sizes-mb 1024,5120 --runs N (3)";

    public int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var sizes = (BenchmarkArguments.Text(args, "--sizes-mb") ?? "1024,5120").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var runs = BenchmarkArguments.Int(args, "--runs", 3);
        var work = BenchmarkArguments.Text(args, "--work") ?? Path.Combine(Path.GetTempPath(), "mbx-bench", "msbuild");
        var dataDirectory = Path.GetFullPath(BenchmarkArguments.Text(args, "--data") ?? work);
        var feed = await BenchFeed.CreateAsync(BenchmarkArguments.Text(args, "--repo") ?? ".", work, BenchmarkArguments.Text(args, "--version"));

        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            TilesetProcessingTime = TimeSpan.Zero,
            TilesetPublishesPerMinute = 0,
            RateLimitPerMinute = 0,
        });
        var token = emulator.MintToken(Account, [.. EmulatorServer.TilesetScopes]);
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        var sandbox = Path.Combine(feed.Root, "sandboxes", "raster-build");
        WriteSandbox(feed, sandbox, sizes);
        var environment = new Dictionary<string, string?> { ["MAPBOX_ACCESS_TOKEN"] = token, ["CI"] = null, ["NUGET_PACKAGES"] = feed.PackagesDirectory };
        var files = sizes.ToDictionary(mb => mb, mb => WriteGeoTiff(dataDirectory, mb));
        // The URL with its token in a curl config file, not on a command line that ps shows.
        var curlConfig = Path.Combine(sandbox, "curl.config");

        var restore = await DotnetProcess.RunAsync(sandbox, ["restore", Path.Combine(sandbox, "Data.csproj"), "-nr:false"], environment, Bound);
        if (restore.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet restore in {sandbox} failed:\n{restore.Output}");
        }

        // Warm: the files in the page cache, the emulator's route and the SDK's first-run work, before anything is timed.
        foreach (var mb in sizes)
        {
            await CurlAsync(emulator, http, token, curlConfig, files[mb], mb);
        }

        await BuildAsync(emulator, sandbox, environment, sizes[0], files[sizes[0]], "-p:EnableMapboxUpload=false");

        var rows = new List<(int Mb, double Ours, double OursWall, double OursCpu, double PeakMiB, double Curl, double CurlWall, double CurlCpu)>();
        await using var cpu = new TreeCpuSampler();
        await using var memory = new TreeMemorySampler();
        for (var run = 1; run <= runs; run++)
        {
            foreach (var mb in sizes)
            {
                (double Window, double Wall, double Cpu) curl = default, ours = default;
                double peak = 0;
                double oursServer = 0, curlServer = 0;
                async Task Ours()
                {
                    memory.Reset();
                    var serverBefore = ProcessFigures.CpuTime();
                    var build = await BuildAsync(emulator, sandbox, environment, mb, files[mb], "-p:MapboxUploadForce=true");
                    peak = memory.PeakMiB;
                    oursServer = (ProcessFigures.CpuTime() - serverBefore).TotalSeconds;
                    var request = emulator.Requests.Last(r => r.Route == EmulatorRoute.TilesetSources && r.Method == "PUT" && r.Path.EndsWith("/" + SourceId(mb), StringComparison.Ordinal));
                    ours = ((request.AnsweredAt - request.ReceivedAt).TotalSeconds, build.Duration.TotalSeconds, cpu.CpuBetween(request.ReceivedAt, request.AnsweredAt));
                    await DeleteSourceAsync(http, token, SourceId(mb));
                }

                async Task Curl()
                {
                    var serverBefore = ProcessFigures.CpuTime();
                    curl = await CurlAsync(emulator, http, token, curlConfig, files[mb], mb);
                    curlServer = (ProcessFigures.CpuTime() - serverBefore).TotalSeconds;
                }

                // Alternating which goes first, so neither always meets a page cache or a server just warmed by the other.
                if (run % 2 == 1)
                {
                    await Curl();
                    await Ours();
                }
                else
                {
                    await Ours();
                    await Curl();
                }

                var length = new FileInfo(files[mb]).Length;
                rows.Add((mb, ours.Window, ours.Wall, ours.Cpu, peak, curl.Window, curl.Wall, curl.Cpu));
                Console.WriteLine(FormattableString.Invariant(
                    $"RESULT raster-build run={run} mib={mb} load={ProcessFigures.LoadAverage()} ours_send_s={ours.Window:F2} curl_send_s={curl.Window:F2} ours_vs_curl={curl.Window / ours.Window:F2} ours_mib_s={length / 1048576.0 / ours.Window:F0} curl_mib_s={length / 1048576.0 / curl.Window:F0} build_s={ours.Wall:F2} curl_process_s={curl.Wall:F2} ours_send_cpu_s={ours.Cpu:F2} curl_cpu_s={curl.Cpu:F2} emulator_cpu_s_ours={oursServer:F2} emulator_cpu_s_curl={curlServer:F2} build_peak_rss_mib={peak:F0}"));
            }
        }

        foreach (var mb in sizes)
        {
            var mine = rows.Where(r => r.Mb == mb).ToList();
            var gib = new FileInfo(files[mb]).Length / GiB;
            Console.WriteLine(FormattableString.Invariant(
                $"SUMMARY raster-build mib={mb} bytes={new FileInfo(files[mb]).Length} runs={mine.Count} median_ours_send_s={Statistics.Median(mine.Select(r => r.Ours)):F2} median_curl_send_s={Statistics.Median(mine.Select(r => r.Curl)):F2} median_ours_vs_curl={Statistics.Median(mine.Select(r => r.Curl / r.Ours)):F2} ours_mib_s={gib * 1024 / Statistics.Median(mine.Select(r => r.Ours)):F0} curl_mib_s={gib * 1024 / Statistics.Median(mine.Select(r => r.Curl)):F0} median_build_s={Statistics.Median(mine.Select(r => r.OursWall)):F2} ours_send_cpu_s_per_gib={Statistics.Median(mine.Select(r => r.OursCpu)) / gib:F2} curl_cpu_s_per_gib={Statistics.Median(mine.Select(r => r.CurlCpu)) / gib:F2} build_peak_rss_mib={mine.Max(r => r.PeakMiB):F0}"));
        }

        File.Delete(curlConfig);
        return 0;
    }

    private static string SourceId(int mb) => $"raster-{mb}";

    private static string WriteGeoTiff(string directory, int mb)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"raster-{mb}.tif");
        if (!File.Exists(path))
        {
            BigGeoTiffWriter.Write(path, mb * 1024L * 1024);
        }

        return path;
    }

    private static void WriteSandbox(BenchFeed feed, string directory, IEnumerable<int> sizes)
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        SandboxFolder.Create(directory, feed.Repository, feed);
        foreach (var mb in sizes)
        {
            // As samples/CityImagery's aerial recipe: RGB bands of an 8-bit GeoTIFF; the file names its CRS.
            File.WriteAllText(Path.Combine(directory, $"recipe-{mb}.json"),
                "{\"version\":1,\"type\":\"raster\",\"sources\":[{\"uri\":\"mapbox://tileset-source/" + Account + "/" + SourceId(mb)
                + "\"}],\"minzoom\":0,\"maxzoom\":6,\"layers\":{\"RGB\":{\"tilesize\":256}}}");
        }

        var project = new XElement("Project", new XAttribute("Sdk", "Microsoft.NET.Sdk"),
            new XElement("PropertyGroup",
                new XElement("TargetFramework", "net10.0"),
                new XElement("ImplicitUsings", "disable")),
            new XElement("ItemGroup", new XElement("PackageReference", new XAttribute("Include", "Mapbox.Uploads.Build"), new XAttribute("Version", feed.Version))),
            new XElement("ItemGroup",
                new XElement("MapboxTilesetSource", new XAttribute("Include", "$(BenchRaster)"), new XAttribute("SourceId", "$(BenchSourceId)")),
                new XElement("MapboxRecipe", new XAttribute("Include", "$(BenchRecipe)"), new XAttribute("TilesetId", "$(BenchSourceId)"), new XAttribute("Name", "Raster bench"))));
        File.WriteAllText(Path.Combine(directory, "Data.csproj"), project.ToString());
    }

    private static async Task<ProcessResult> BuildAsync(EmulatorServer emulator, string sandbox, Dictionary<string, string?> environment, int mb, string file, string property)
    {
        // The compiler in-process: a compiler server would run outside the measured process tree.
        var build = await DotnetProcess.RunAsync(sandbox,
            ["build", Path.Combine(sandbox, "Data.csproj"), "-nr:false", "--no-restore", $"-p:MapboxApiUrl={emulator.BaseUrl}", "-p:UseSharedCompilation=false",
                $"-p:BenchRaster={file}", $"-p:BenchSourceId={SourceId(mb)}", $"-p:BenchRecipe={Path.Combine(sandbox, $"recipe-{mb}.json")}", property, "-v:m"],
            environment, Bound);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"The build in {sandbox} failed:\n{build.Output}");
        }

        return build;
    }

    /// <summary>The tilesets CLI's request, by curl: PUT, multipart/form-data, the file in a part named <c>file</c>.</summary>
    private static async Task<(double Window, double Wall, double Cpu)> CurlAsync(EmulatorServer emulator, HttpClient http, string token, string config, string file, int mb)
    {
        var sourceId = "bench-curl-" + mb;
        File.WriteAllText(config, $"url = \"{emulator.BaseUrl}tilesets/v1/sources/{Account}/{sourceId}?access_token={token}\"\n");
        var start = new ProcessStartInfo("curl", ["-sS", "-f", "-o", "/dev/null", "-X", "PUT", "-F", $"file=@{file}", "-K", config]);
        var cpuBefore = ProcessFigures.ChildrenCpuSeconds();
        var timer = Stopwatch.StartNew();
        using var curl = Process.Start(start)!;
        using var bound = new CancellationTokenSource(Bound);
        await curl.WaitForExitAsync(bound.Token);
        timer.Stop();
        if (curl.ExitCode != 0)
        {
            throw new InvalidOperationException($"curl -F file=@{file} to the emulator's source route exited with {curl.ExitCode}.");
        }

        var cpu = ProcessFigures.ChildrenCpuSeconds() - cpuBefore;
        var request = emulator.Requests.Last(r => r.Route == EmulatorRoute.TilesetSources && r.Path.EndsWith("/" + sourceId, StringComparison.Ordinal));
        await DeleteSourceAsync(http, token, sourceId);
        return ((request.AnsweredAt - request.ReceivedAt).TotalSeconds, timer.Elapsed.TotalSeconds, cpu);
    }

    /// <summary>Deletes a source, so that the emulator's copy of a large file (a temporary file) goes before the next run.</summary>
    private static async Task DeleteSourceAsync(HttpClient http, string token, string sourceId)
    {
        using var response = await http.DeleteAsync($"tilesets/v1/sources/{Account}/{sourceId}?access_token={Uri.EscapeDataString(token)}");
        response.EnsureSuccessStatusCode();
    }

}
