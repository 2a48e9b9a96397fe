using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Package.Tests.Infrastructure;

namespace Mapbox.Uploads.Package.Tests.Reliability;

/// <summary>
/// Ring 3: Ctrl+C (SIGINT to the dotnet process) in the middle of a real build, while a multipart staging is
/// under way and while processing is awaited: the build stops within 5 s, fails, and leaves no open multipart upload.
/// </summary>
public sealed class CancellationTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Ctrl_C_during_multipart_staging_stops_within_5_s_fails_and_aborts_the_multipart_upload()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromSeconds(1), RateLimitPerMinute = 0 });
        // Every part takes 6 s to be answered: the build is surely mid-staging when the signal comes.
        emulator.Faults.Add(new FaultRule { Route = EmulatorRoute.S3, Method = "PUT", Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(6) });
        var sandbox = await BigFileSandboxAsync("cancel-staging");

        var (result, stoppedAfter) = await BuildAndInterruptAsync(sandbox, emulator, () => emulator.OpenMultipartUploads.Count > 0
            && emulator.Requests.Count(r => r.Route == EmulatorRoute.S3 && r.Method == "POST") >= 1);

        output.WriteLine(FormattableString.Invariant($"stopped {stoppedAfter.TotalSeconds:F2} s after SIGINT, exit code {result.ExitCode}"));
        Assert.True(stoppedAfter < StopBound, $"stopped {stoppedAfter.TotalSeconds:F1} s after the signal\n{result}");
        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("MBX7002", result.Output, StringComparison.Ordinal);
        Assert.Empty(emulator.OpenMultipartUploads);
        Assert.Contains(emulator.Requests, r => r.Route == EmulatorRoute.S3 && r.Method == "DELETE" && r.StatusCode == 204);
        Assert.DoesNotContain(emulator.Requests, r => r.Route == EmulatorRoute.Create);
        Assert.False(Directory.Exists(sandbox.StampDirectory)
            && Directory.EnumerateFiles(sandbox.StampDirectory).Any(), "a stamp was written");
        Assert.Empty(sandbox.StampFilesAnywhere());
    }

    [Fact]
    public async Task Ctrl_C_while_waiting_for_processing_stops_within_5_s_and_fails()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromMinutes(5), RateLimitPerMinute = 0 });
        var sandbox = new Sandbox(await PackageFeed.GetAsync(), "cancel-processing");
        sandbox.WriteFile("data/parks.geojson", DataProject.ParksGeoJson);
        sandbox.WriteProject([Sandbox.Tileset("data/parks.geojson", "parks")]);

        var (result, stoppedAfter) = await BuildAndInterruptAsync(sandbox, emulator, () => emulator.Requests.Any(r => r.Route == EmulatorRoute.Status));

        output.WriteLine(FormattableString.Invariant($"stopped {stoppedAfter.TotalSeconds:F2} s after SIGINT, exit code {result.ExitCode}"));
        Assert.True(stoppedAfter < StopBound, $"stopped {stoppedAfter.TotalSeconds:F1} s after the signal\n{result}");
        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("MBX7002", result.Output, StringComparison.Ordinal);
        Assert.Empty(emulator.OpenMultipartUploads);
        Assert.Single(emulator.Requests, r => r.Route == EmulatorRoute.Create);
    }

    [Fact]
    public async Task Ctrl_C_while_waiting_for_a_tileset_job_stops_within_5_s_and_fails_with_MBX7002()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { TilesetProcessingTime = TimeSpan.FromMinutes(5), RateLimitPerMinute = 0 });
        var sandbox = new Sandbox(await PackageFeed.GetAsync(), "cancel-mts-job");
        sandbox.WriteFile("data/roads.ldgeojson", TilingService.TilingServiceProject.RoadsExtra);
        sandbox.WriteFile("recipes/roads.json", TilingService.TilingServiceProject.Recipe("lindenau", "roads", "roads"));
        TilingService.TilingServiceProject.Write(sandbox,
            TilingService.TilingServiceProject.Source("data/roads.ldgeojson", "roads"),
            TilingService.TilingServiceProject.RecipeItem("recipes/roads.json", "roads"));

        var (result, stoppedAfter) = await BuildAndInterruptAsync(sandbox, emulator, () => emulator.Requests.Any(r => r.Route == EmulatorRoute.TilesetJobs),
            [.. EmulatorServer.TilesetScopes]);

        output.WriteLine(FormattableString.Invariant($"stopped {stoppedAfter.TotalSeconds:F2} s after SIGINT, exit code {result.ExitCode}"));
        Assert.True(stoppedAfter < StopBound, $"stopped {stoppedAfter.TotalSeconds:F1} s after the signal\n{result}");
        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains("MBX7002", result.Output, StringComparison.Ordinal);
        Assert.Single(emulator.Requests, r => r.Route == EmulatorRoute.TilesetPublish);
    }

    /// <summary>A 20 MiB GeoJSON: three 8 MiB-planned parts, staged multipart by default.</summary>
    private static async Task<Sandbox> BigFileSandboxAsync(string name)
    {
        var sandbox = new Sandbox(await PackageFeed.GetAsync(), name);
        BigGeoJson.Write(sandbox.PathOf("data/big.geojson"), 20 * BigGeoJson.MiB, "Auenwald");
        sandbox.WriteProject([Sandbox.Tileset("data/big.geojson", "big")]);
        return sandbox;
    }

    private static Task<(ProcessResult Result, TimeSpan StoppedAfter)> BuildAndInterruptAsync(Sandbox sandbox, EmulatorServer emulator, Func<bool> ready, string[]? scopes = null) =>
        RunningBuild.BuildAndInterruptAsync(sandbox, emulator.BaseUrl, emulator.MintToken("lindenau", scopes ?? []), ready);
}
