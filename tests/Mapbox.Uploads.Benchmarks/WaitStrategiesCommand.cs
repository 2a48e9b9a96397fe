using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>
/// The parallel-tilesets question without MSBuild, to weigh a change to the task: N uploads with the client against the
/// emulator's rate limit, either as the task did before issue 7 (stage, create and wait for each inside one slot of
/// MaxParallel) or as it does now: the slot held only while staging and creating, then the client's batch wait (one
/// list request per poll for every pending upload). Both go through the client's request pacing.
/// </summary>
internal sealed class WaitStrategiesCommand : IBenchmarkCommand
{
    private const string TinyGeoJson = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[12.33,51.34]}}]}";

    public string Name => "wait-strategies";

    public string Description => "N uploads, per-upload waits vs one list poll: --uploads N (20) --processing-seconds S (5) --rate-limit N (60) --max-parallel N (4)";

    public int Run(string[] args) => RunAsync(
        BenchmarkArguments.Int(args, "--uploads", 20),
        BenchmarkArguments.Int(args, "--processing-seconds", 5),
        BenchmarkArguments.Int(args, "--rate-limit", 60),
        BenchmarkArguments.Int(args, "--max-parallel", 4)).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(int uploads, int processingSeconds, int rateLimit, int maxParallel)
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromSeconds(processingSeconds), RateLimitPerMinute = rateLimit });
        var directory = Path.Combine(Path.GetTempPath(), $"mbx-wait-strategies-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            var files = Enumerable.Range(1, uploads).Select(index =>
            {
                var path = Path.Combine(directory, $"t{index:D2}.geojson");
                File.WriteAllText(path, TinyGeoJson);
                return path;
            }).ToList();
            var processing = TimeSpan.FromSeconds(processingSeconds + 1);
            await MeasureAsync(emulator, "one upload, per-upload wait", files.Take(1).ToList(), maxParallel, PerUploadAsync);
            await Task.Delay(processing);
            await MeasureAsync(emulator, "per-upload wait in the slot (task before issue 7)", files, maxParallel, PerUploadAsync);
            await Task.Delay(processing);
            await MeasureAsync(emulator, "slot for staging only, batch wait (task now)", files, maxParallel, BatchWaitAsync);
            await Task.Delay(processing);
            await MeasureAsync(emulator, "one upload, batch wait", files.Take(1).ToList(), maxParallel, BatchWaitAsync);
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task MeasureAsync(EmulatorServer emulator, string strategy, IReadOnlyList<string> files, int maxParallel,
        Func<UploadsClient, IReadOnlyList<string>, SemaphoreSlim, Task> run)
    {
        emulator.ClearRequests();
        var token = MapboxAccessToken.Parse(emulator.MintToken("bench"));
        using var client = new UploadsClient(token, new UploadsClientOptions { ApiBaseUrl = emulator.BaseUrl });
        using var gate = new SemaphoreSlim(maxParallel);
        var timer = Stopwatch.StartNew();
        await run(client, files, gate);
        timer.Stop();
        var requests = emulator.Requests;
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT wait-strategies strategy=\"{strategy}\" uploads={files.Count} max_parallel={maxParallel} wall_s={timer.Elapsed.TotalSeconds:F1} api_requests={requests.Count(r => r.Route != EmulatorRoute.S3)} answered_429={requests.Count(r => r.StatusCode == 429)}"));
    }

    private static Task PerUploadAsync(UploadsClient client, IReadOnlyList<string> files, SemaphoreSlim gate) =>
        Task.WhenAll(files.Select(async file =>
        {
            await gate.WaitAsync();
            try
            {
                var upload = await client.UploadAsync(file, TilesetId.Parse(Path.GetFileNameWithoutExtension(file), client.Username));
                await client.WaitForCompletionAsync(upload.Id, TimeSpan.FromMinutes(10));
            }
            finally
            {
                gate.Release();
            }
        }));

    private static async Task BatchWaitAsync(UploadsClient client, IReadOnlyList<string> files, SemaphoreSlim gate)
    {
        var created = await Task.WhenAll(files.Select(async file =>
        {
            await gate.WaitAsync();
            try
            {
                return await client.UploadAsync(file, TilesetId.Parse(Path.GetFileNameWithoutExtension(file), client.Username));
            }
            finally
            {
                gate.Release();
            }
        }));
        await client.WaitForCompletionAsync(created, TimeSpan.FromMinutes(10));
    }
}
