using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Text;
using Mapbox.Uploads.Changesets;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>
/// Incremental publishing's costs: a line-delimited source with top-level ids and the same file with 1% of its
/// features touched (a third changed, a third removed, a third added). <c>--mode checks</c> times the checks' one read
/// of the new file (validation and SHA-256, as the build runs it); <c>--mode diff</c> times what incremental
/// publishing adds: reading the old state's index from disk, the diff with the changeset written, and the new index
/// written. Each mode runs in its own process so its peak working set is its own.
/// </summary>
internal sealed class DiffChangesetCommand : IBenchmarkCommand
{
    private const double MiB = 1024 * 1024;

    public string Name => "diff-changeset";

    public string Description => "diff a generated LD GeoJSON source against its 1%-changed state: --size-mb N (1024) --mode generate|checks|diff --dir PATH";

    public int Run(string[] args)
    {
        var sizeMb = BenchmarkArguments.Int(args, "--size-mb", 1024);
        var mode = BenchmarkArguments.Text(args, "--mode") ?? "diff";
        var directory = BenchmarkArguments.Text(args, "--dir") ?? Path.GetTempPath();
        var oldPath = Path.Combine(directory, $"incremental-{sizeMb}mb-old.ldgeojson");
        var newPath = Path.Combine(directory, $"incremental-{sizeMb}mb-new.ldgeojson");
        var indexPath = oldPath + ".index";
        var changesetPath = Path.Combine(directory, $"incremental-{sizeMb}mb.changeset.ldgeojson");
        var timer = Stopwatch.StartNew();
        var cpuBefore = ProcessFigures.CpuTime();
        switch (mode)
        {
            case "generate":
                var (features, changedBytes) = Generate(oldPath, newPath, (long)sizeMb * 1024 * 1024);
                var (index, problem) = FeatureIndex.Build(oldPath);
                if (problem is not null)
                {
                    Console.Error.WriteLine(problem.Message);
                    return 2;
                }

                index!.Write(indexPath, new string('0', 64));
                Console.WriteLine(Invariant($"RESULT diff-changeset generate size_mb={sizeMb} old_bytes={new FileInfo(oldPath).Length} new_bytes={new FileInfo(newPath).Length} features={features} changed_feature_bytes={changedBytes} index_bytes={new FileInfo(indexPath).Length} index_bytes_per_feature={new FileInfo(indexPath).Length / (double)index.Count:F2}"));
                return 0;
            case "checks":
                var check = TilesetSourceValidator.Check("bench", new[] { newPath }, computeSha256: true, default);
                if (check.Problems.Count > 0)
                {
                    Console.Error.WriteLine(check.Problems[0].Message);
                    return 2;
                }

                Report("checks", sizeMb, timer, cpuBefore, string.Empty);
                return 0;
            default:
                var old = FeatureIndex.Read(indexPath) ?? throw new InvalidOperationException("Run --mode generate first.");
                ChangesetResult result;
                using (var output = new FileStream(changesetPath, FileMode.Create, FileAccess.Write, FileShare.None, 1))
                {
                    result = ChangesetDiff.Write(newPath, old, output);
                }

                if (result.Problem is not null)
                {
                    Console.Error.WriteLine(result.Problem.Message);
                    return 2;
                }

                result.Index!.Write(changesetPath + ".index", new string('0', 64));
                var counts = result.Counts;
                Report("diff", sizeMb, timer, cpuBefore, Invariant(
                    $" counts={counts} features={counts.Features} changeset_bytes={counts.ChangesetBytes} changed_feature_bytes={counts.ChangedFeatureBytes} changeset_ratio={counts.ChangesetBytes / (double)counts.ChangedFeatureBytes:F4}"));
                return 0;
        }
    }

    private static void Report(string mode, int sizeMb, Stopwatch timer, TimeSpan cpuBefore, string extra) =>
        Console.WriteLine(Invariant(
            $"RESULT diff-changeset {mode} size_mb={sizeMb} wall_s={timer.Elapsed.TotalSeconds:F2} cpu_s={(ProcessFigures.CpuTime() - cpuBefore).TotalSeconds:F2} peak_working_set_mib={ProcessFigures.PeakResidentMiB():F0} managed_heap_mib={GC.GetTotalMemory(false) / MiB:F0}{extra}"));

    /// <summary>Writes both states; returns the new file's feature count and the bytes of its added and changed features.</summary>
    private static (long Features, long ChangedBytes) Generate(string oldPath, string newPath, long targetBytes)
    {
        var random = new Random(21);
        using var old = new StreamWriter(new FileStream(oldPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20), new UTF8Encoding(false), 1 << 20);
        using var now = new StreamWriter(new FileStream(newPath, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20), new UTF8Encoding(false), 1 << 20);
        var line = new StringBuilder(2048);
        long written = 0, features = 0, changedBytes = 0;
        for (var id = 0L; written < targetBytes; id++)
        {
            var text = Feature(line, random, id, "v1");
            old.Write(text);
            old.Write('\n');
            written += text.Length + 1;
            switch (id % 300)
            {
                case 0:
                    var changed = Feature(line, random, id, "v2");
                    now.Write(changed);
                    now.Write('\n');
                    changedBytes += changed.Length;
                    features++;
                    break;
                case 100:
                    break;
                case 200:
                    now.Write(text);
                    now.Write('\n');
                    var added = Feature(line, random, -id, "new");
                    now.Write(added);
                    now.Write('\n');
                    changedBytes += added.Length;
                    features += 2;
                    break;
                default:
                    now.Write(text);
                    now.Write('\n');
                    features++;
                    break;
            }
        }

        return (features, changedBytes);
    }

    /// <summary>A polygon feature of about a kilobyte with a top-level integer id (ASCII, so characters are bytes).</summary>
    private static string Feature(StringBuilder line, Random random, long id, string version)
    {
        line.Clear();
        line.Append("{\"type\":\"Feature\",\"id\":").Append(id).Append(",\"properties\":{\"name\":\"parcel ").Append(id)
            .Append("\",\"version\":\"").Append(version).Append("\",\"value\":").Append((random.NextDouble() * 1000).ToString("F3", CultureInfo.InvariantCulture))
            .Append("},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[");
        var lon = (random.NextDouble() * 340) - 170;
        var lat = (random.NextDouble() * 160) - 80;
        for (var i = 0; i < 36; i++)
        {
            line.Append('[').Append((lon + (Math.Cos(i * 0.16) * 0.01)).ToString("F6", CultureInfo.InvariantCulture)).Append(',')
                .Append((lat + (Math.Sin(i * 0.16) * 0.01)).ToString("F6", CultureInfo.InvariantCulture)).Append("],");
        }

        line.Append('[').Append(lon.ToString("F6", CultureInfo.InvariantCulture)).Append(',').Append(lat.ToString("F6", CultureInfo.InvariantCulture)).Append("]]]}}");
        return line.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
