using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
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

    private static (FileValidationResult Result, double Wall, double Cpu) Timed(string path, bool computeSha256)
    {
        var cpuBefore = ProcessFigures.CpuTime();
        var timer = Stopwatch.StartNew();
        var result = UploadFileValidator.Validate(path, new UploadFileValidationOptions { ComputeSha256 = computeSha256 });
        return (result, timer.Elapsed.TotalSeconds, (ProcessFigures.CpuTime() - cpuBefore).TotalSeconds);
    }

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

            var ratios = new List<(double Wall, double Cpu)>();
            for (var run = 1; run <= runs; run++)
            {
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                // Alternate which goes first: on a shared machine the speed drifts, and this cancels the drift in the median.
                var hashFirst = hash && run % 2 == 0;
                var first = hashFirst ? Timed(path, computeSha256: true) : Timed(path, computeSha256: false);
                var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                if (!first.Result.IsValid)
                {
                    Console.Error.WriteLine("The generated file did not validate: " + first.Result.Problem);
                    return 2;
                }

                var alone = hashFirst ? Timed(path, computeSha256: false) : first;
                Console.WriteLine(Invariant(
                    $"run {run}: {alone.Wall:F2} s ({alone.Cpu:F2} CPU-s), {length / MiB / alone.Wall:F0} MiB/s, managed allocations {allocated / MiB:F2} MiB"));
                if (hash)
                {
                    var withHash = hashFirst ? first : Timed(path, computeSha256: true);
                    ratios.Add((withHash.Wall / alone.Wall, withHash.Cpu / alone.Cpu));
                    Console.WriteLine(Invariant(
                        $"run {run} checks+hash ({(hashFirst ? "first" : "second")}): {withHash.Wall:F2} s ({withHash.Cpu:F2} CPU-s), {withHash.Wall / alone.Wall:F3}x the checks alone, CPU {withHash.Cpu / alone.Cpu:F3}x, sha256 {withHash.Result.ContentSha256}"));
                }
            }

            if (ratios.Count > 0)
            {
                Console.WriteLine(Invariant(
                    $"SUMMARY validate-geojson runs={ratios.Count} median_time_ratio={Statistics.Median(ratios.Select(r => r.Wall)):F3} median_cpu_ratio={Statistics.Median(ratios.Select(r => r.Cpu)):F3}"));
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
