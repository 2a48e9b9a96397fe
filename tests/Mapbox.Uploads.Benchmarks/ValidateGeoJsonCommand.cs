using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>
/// Generates a realistic GeoJSON FeatureCollection, validates it with <see cref="UploadFileValidator"/> and reports
/// throughput, peak working set and managed allocations. Run once per size, in separate processes, so the peak
/// working set of one size is not inherited by the next. With <c>--hash</c> every run also validates with
/// <see cref="UploadFileValidationOptions.ComputeSha256"/> right after the checks alone, and prints the ratio.
/// </summary>
internal sealed class ValidateGeoJsonCommand : IBenchmarkCommand
{
    private const double MiB = 1024 * 1024;

    public string Name => "validate-geojson";

    public string Description => "validate a generated GeoJSON file: --size-mb N (1024) --runs N (3) --dir PATH --keep --hash";

    public int Run(string[] args)
    {
        var sizeMb = BenchmarkArguments.Int(args, "--size-mb", 1024);
        var runs = BenchmarkArguments.Int(args, "--runs", 3);
        var directory = BenchmarkArguments.Text(args, "--dir") ?? Path.GetTempPath();
        var keep = BenchmarkArguments.Flag(args, "--keep");
        var hash = BenchmarkArguments.Flag(args, "--hash");
        var path = Path.Combine(directory, $"mapbox-benchmark-{sizeMb}mb.geojson");
        var limit = UploadFileTypes.GetMaxBytes(UploadFileType.GeoJson);

        try
        {
            var generation = Stopwatch.StartNew();
            var length = File.Exists(path) && keep ? new FileInfo(path).Length : GeoJsonCorpusWriter.Write(path, Math.Min((long)sizeMb * 1024 * 1024, limit));
            Console.WriteLine(Invariant($"file: {path}, {length:N0} bytes ({length / MiB:F1} MiB), written in {generation.Elapsed.TotalSeconds:F1} s"));

            for (var run = 1; run <= runs; run++)
            {
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var timer = Stopwatch.StartNew();
                var result = UploadFileValidator.Validate(path);
                timer.Stop();
                var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                if (!result.IsValid)
                {
                    Console.Error.WriteLine("The generated file did not validate: " + result.Problem);
                    return 2;
                }

                Console.WriteLine(Invariant(
                    $"run {run}: {timer.Elapsed.TotalSeconds:F2} s, {length / MiB / timer.Elapsed.TotalSeconds:F0} MiB/s, managed allocations {allocated / MiB:F2} MiB"));
                if (hash)
                {
                    var hashed = Stopwatch.StartNew();
                    var withHash = UploadFileValidator.Validate(path, new UploadFileValidationOptions { ComputeSha256 = true });
                    hashed.Stop();
                    Console.WriteLine(Invariant(
                        $"run {run} checks+hash: {hashed.Elapsed.TotalSeconds:F2} s, {hashed.Elapsed.TotalSeconds / timer.Elapsed.TotalSeconds:F3}x the checks alone, sha256 {withHash.ContentSha256}"));
                }
            }

            using var process = Process.GetCurrentProcess();
            process.Refresh();
            Console.WriteLine(Invariant($"peak working set: {process.PeakWorkingSet64 / MiB:F0} MiB (whole process, generation included)"));
            return 0;
        }
        finally
        {
            if (!keep && File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
