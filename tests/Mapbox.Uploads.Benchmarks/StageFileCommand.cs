using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Staging;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>
/// Stages one file with <see cref="UploadsClient"/> to an S3 endpoint (the discard S3), as the task would, and prints
/// one RESULT line: bytes, seconds, MiB/s, CPU seconds and the process's peak resident memory.
/// </summary>
internal sealed class StageFileCommand : IBenchmarkCommand
{
    private const double MiB = 1024 * 1024;

    public string Name => "stage-file";

    public string Description => "stage a file: --endpoint URL --file PATH --mode single|multipart --part-size-mb N --parallel N --compare tags|sha256|none (tags) --repeat N (1)";

    public int Run(string[] args)
    {
        var endpoint = BenchmarkArguments.Text(args, "--endpoint") ?? throw new ArgumentException("--endpoint is required.");
        var file = BenchmarkArguments.Text(args, "--file") ?? throw new ArgumentException("--file is required.");
        var mode = BenchmarkArguments.Text(args, "--mode") ?? "multipart";
        var partSizeMb = BenchmarkArguments.Int(args, "--part-size-mb", 0);
        var parallel = BenchmarkArguments.Int(args, "--parallel", new UploadsClientOptions().MaxConcurrentParts);
        var compare = BenchmarkArguments.Text(args, "--compare") ?? "tags";
        if (mode is not ("single" or "multipart") || compare is not ("tags" or "sha256" or "none"))
        {
            throw new ArgumentException("--mode is single or multipart; --compare is tags, sha256 or none.");
        }

        var options = new UploadsClientOptions
        {
            StagingEndpoint = new Uri(endpoint),
            // Single PUT is what S3 allows up to 5 GiB; beyond that the client goes multipart whatever the threshold.
            MultipartThreshold = mode == "single" ? long.MaxValue : new UploadsClientOptions().MultipartThreshold,
            PartSize = partSizeMb > 0 ? partSizeMb * 1024L * 1024 : null,
            MaxConcurrentParts = parallel,
        };
        var repeat = BenchmarkArguments.Int(args, "--repeat", 1);
        for (var run = 1; run <= repeat; run++)
        {
            StageAsync(options, endpoint, file, mode, compare, run).GetAwaiter().GetResult();
        }

        return 0;
    }

    // Run 2 and later of --repeat show the path once the runtime has compiled it, as a later upload of a build would.
    private static async Task StageAsync(UploadsClientOptions options, string endpoint, string file, string mode, string compare, int run)
    {
        // What the build does before staging, outside the timing: the checks' one read hashes and tags the file
        // (tags: staging compares its block tags; sha256: as a caller with only a recorded hash, staging hashes it).
        var (sha256, tags) = compare == "none" ? (null, null) : HashAndTag(file);
        using var source = StagingSource.OpenFile(file, sha256, compare == "tags" ? tags : null);
        using var client = new UploadsClient(BenchmarkToken(), options);
        var key = "_pending/bench/" + Guid.NewGuid().ToString("N");
        var credentials = new StagingCredentials("ASIABENCHMARK", "bench-secret", "bench-session", "bench-bucket", key, endpoint.TrimEnd('/') + "/bench-bucket/" + key);
        var cpuBefore = ProcessFigures.CpuTime();
        var timer = Stopwatch.StartNew();
        var staged = await client.StageAsync(credentials, source, progress: null, CancellationToken.None);
        timer.Stop();
        var cpu = ProcessFigures.CpuTime() - cpuBefore;
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT stage-file run={run} mode={mode} compare={compare} bytes={staged.Size} parts={staged.PartCount} seconds={timer.Elapsed.TotalSeconds:F3} mib_per_s={staged.Size / MiB / timer.Elapsed.TotalSeconds:F0} staging_cpu_s={cpu.TotalSeconds:F2} peak_rss_mib={ProcessFigures.PeakResidentMiB():F0}"));
    }

    // The checks' read without the format checks, whatever the file's name (the benchmark's files are random bytes).
    private static (string? Sha256, ContentTags? Tags) HashAndTag(string file)
    {
        using var stream = File.OpenRead(file);
        using var hashing = new HashingReadStream(stream, tagBlocks: true);
        var sha256 = hashing.Finish(CancellationToken.None);
        return (sha256, hashing.Tags);
    }

    // Staging with explicit credentials sends no API request, but the client needs a well-formed token to exist.
    private static MapboxAccessToken BenchmarkToken()
    {
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"u\":\"bench\"}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return MapboxAccessToken.Parse("sk." + payload + ".benchmark");
    }
}
