using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>
/// Requests one upload costs when processing takes --processing-seconds: the client's UploadAsync and
/// WaitForCompletionAsync of the created upload (as the task waits: the first poll after PollInterval) with default
/// options against the emulator, counted from the emulator's request record.
/// </summary>
internal sealed class PollCostCommand : IBenchmarkCommand
{
    public string Name => "poll-cost";

    public string Description => "requests per upload while processing takes --processing-seconds S (60)";

    public int Run(string[] args) => RunAsync(BenchmarkArguments.Int(args, "--processing-seconds", 60)).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(int processingSeconds)
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromSeconds(processingSeconds) });
        var token = MapboxAccessToken.Parse(emulator.MintToken("bench"));
        var file = Path.Combine(Path.GetTempPath(), $"mbx-poll-cost-{Guid.NewGuid():N}.geojson");
        File.WriteAllText(file, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[12.33,51.34]}}]}");
        try
        {
            using var client = new UploadsClient(token, new UploadsClientOptions { ApiBaseUrl = emulator.BaseUrl });
            var started = DateTimeOffset.UtcNow;
            var upload = await client.UploadAsync(file, TilesetId.Parse("pollcost", token.Username));
            var final = (await client.WaitForCompletionAsync(new[] { upload }, TimeSpan.FromSeconds(processingSeconds * 3)))[0].Upload!;
            var elapsed = DateTimeOffset.UtcNow - started;
            var requests = emulator.Requests;
            var api = requests.Where(r => r.Route != EmulatorRoute.S3).ToList();
            var byRoute = string.Join(' ', api.GroupBy(r => r.Route).Select(g => $"{g.Key.ToString().ToLowerInvariant()}={g.Count()}"));
            Console.WriteLine(FormattableString.Invariant(
                $"RESULT poll-cost processing_s={processingSeconds} succeeded={final.Succeeded} wall_s={elapsed.TotalSeconds:F1} api_requests={api.Count} {byRoute} s3_requests={requests.Count - api.Count} answered_429={requests.Count(r => r.StatusCode == 429)} detected_after_s={elapsed.TotalSeconds - processingSeconds:F1}"));
            return final.Succeeded ? 0 : 1;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
