using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>
/// Stages one file with <see cref="UploadsClient"/> to an S3 endpoint (the discard S3), as the task would, and prints
/// one RESULT line: bytes, seconds, MiB/s, CPU seconds and the process's peak resident memory.
/// </summary>
internal sealed class StageFileCommand : IBenchmarkCommand
{
    private const double MiB = 1024 * 1024;

    public string Name => "stage-file";

    public string Description => "stage a file: --endpoint URL --file PATH --mode single|multipart --part-size-mb N --parallel N";

    public int Run(string[] args)
    {
        var endpoint = BenchmarkArguments.Text(args, "--endpoint") ?? throw new ArgumentException("--endpoint is required.");
        var file = BenchmarkArguments.Text(args, "--file") ?? throw new ArgumentException("--file is required.");
        var mode = BenchmarkArguments.Text(args, "--mode") ?? "multipart";
        var partSizeMb = BenchmarkArguments.Int(args, "--part-size-mb", 0);
        var parallel = BenchmarkArguments.Int(args, "--parallel", new UploadsClientOptions().MaxConcurrentParts);
        if (mode is not ("single" or "multipart"))
        {
            throw new ArgumentException("--mode is single or multipart.");
        }

        var options = new UploadsClientOptions
        {
            StagingEndpoint = new Uri(endpoint),
            // Single PUT is what S3 allows up to 5 GiB; beyond that the client goes multipart whatever the threshold.
            MultipartThreshold = mode == "single" ? long.MaxValue : new UploadsClientOptions().MultipartThreshold,
            PartSize = partSizeMb > 0 ? partSizeMb * 1024L * 1024 : null,
            MaxConcurrentParts = parallel,
        };
        return StageAsync(options, endpoint, file, mode).GetAwaiter().GetResult();
    }

    private static async Task<int> StageAsync(UploadsClientOptions options, string endpoint, string file, string mode)
    {
        using var client = new UploadsClient(BenchmarkToken(), options);
        var key = "_pending/bench/" + Guid.NewGuid().ToString("N");
        var credentials = new StagingCredentials("ASIABENCHMARK", "bench-secret", "bench-session", "bench-bucket", key, endpoint.TrimEnd('/') + "/bench-bucket/" + key);
        var cpuBefore = ProcessFigures.CpuTime();
        var timer = Stopwatch.StartNew();
        var staged = await client.StageAsync(credentials, file, progress: null);
        timer.Stop();
        var cpu = ProcessFigures.CpuTime() - cpuBefore;
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT stage-file mode={mode} bytes={staged.Size} parts={staged.PartCount} seconds={timer.Elapsed.TotalSeconds:F3} mib_per_s={staged.Size / MiB / timer.Elapsed.TotalSeconds:F0} staging_cpu_s={cpu.TotalSeconds:F2} peak_rss_mib={ProcessFigures.PeakResidentMiB():F0}"));
        return 0;
    }

    // Staging with explicit credentials sends no API request, but the client needs a well-formed token to exist.
    private static MapboxAccessToken BenchmarkToken()
    {
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"u\":\"bench\"}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return MapboxAccessToken.Parse("sk." + payload + ".benchmark");
    }
}
