using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Threading;
using Mapbox.Uploads.Sources;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>
/// Generates a GeoJSON FeatureCollection and converts it to line-delimited GeoJSON as a tileset source upload does
/// (<see cref="GeoJsonLineWriter"/>, output discarded), reporting throughput, managed allocations and peak resident
/// memory. Run once per size, in separate processes, so memory can be compared across sizes.
/// </summary>
internal sealed class ConvertGeoJsonCommand : IBenchmarkCommand
{
    private const double MiB = 1024 * 1024;

    public string Name => "convert-geojson";

    public string Description => "convert a generated FeatureCollection to line-delimited GeoJSON: --size-mb N (1024) --runs N (3) --dir PATH --keep";

    public int Run(string[] args)
    {
        var sizeMb = BenchmarkArguments.Int(args, "--size-mb", 1024);
        var runs = BenchmarkArguments.Int(args, "--runs", 3);
        var directory = BenchmarkArguments.Text(args, "--dir") ?? Path.GetTempPath();
        var keep = BenchmarkArguments.Flag(args, "--keep");
        var path = Path.Combine(directory, $"mapbox-benchmark-convert-{sizeMb}mb.geojson");
        try
        {
            var length = File.Exists(path) && keep ? new FileInfo(path).Length : GeoJsonCorpusWriter.Write(path, (long)sizeMb * 1024 * 1024);
            Console.WriteLine(Invariant($"file: {path}, {length:N0} bytes ({length / MiB:F1} MiB)"));
            var residentBefore = ProcessFigures.PeakResidentMiB();
            for (var run = 1; run <= runs; run++)
            {
                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var timer = Stopwatch.StartNew();
                long features;
                using (var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
                {
                    features = GeoJsonLineWriter.WriteAsync(input, Stream.Null, CancellationToken.None).GetAwaiter().GetResult();
                }

                timer.Stop();
                var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                Console.WriteLine(Invariant(
                    $"run {run}: {features:N0} features, {timer.Elapsed.TotalSeconds:F2} s, {length / 1e6 / timer.Elapsed.TotalSeconds:F0} MB/s ({length / MiB / timer.Elapsed.TotalSeconds:F0} MiB/s), managed allocations {allocated / MiB:F2} MiB"));
            }

            Console.WriteLine(Invariant($"peak resident memory: {ProcessFigures.PeakResidentMiB():F0} MiB (before converting: {residentBefore:F0} MiB, generation included)"));
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
