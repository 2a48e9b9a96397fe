using System;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>Runs the <see cref="DiscardS3Server"/> until stopped (or for at most --minutes), for curl, node and aws to stage to.</summary>
internal sealed class DiscardS3Command : IBenchmarkCommand
{
    public string Name => "discard-s3";

    public string Description => "serve a loopback S3 that discards bodies: --port N (0) --minutes N (60)";

    public int Run(string[] args) => RunAsync(BenchmarkArguments.Int(args, "--port", 0), BenchmarkArguments.Int(args, "--minutes", 60)).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(int port, int minutes)
    {
        await using var server = await DiscardS3Server.StartAsync(port, Console.Out);
        Console.WriteLine("Listening on " + server.BaseUrl);
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(minutes));
        await server.WaitForShutdownAsync(bound.Token);
        return 0;
    }
}
