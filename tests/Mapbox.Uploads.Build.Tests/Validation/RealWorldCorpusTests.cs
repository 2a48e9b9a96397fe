using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Mapbox.Uploads.Build.Tests.Infrastructure;
using Mapbox.Uploads.Sources;
using Mapbox.Uploads.Validation.Raster;

namespace Mapbox.Uploads.Build.Tests.Validation;

/// <summary>
/// The pre-flight on files we did not write: every file of tests/corpus (fixtures of public projects, listed with
/// their origin in manifest.tsv) goes through one dry run of the task, and each file's verdict (accepted, warned or
/// refused with its code) must be the one the manifest records with the Mapbox rule behind it.
/// </summary>
public sealed class RealWorldCorpusTests : IDisposable
{
    private const int MinimumFiles = 300;

    // rasterio's fixtures with a ModelTransformation and no GeoKeyDirectory: placed, with no coordinate system named.
    private static readonly string[] GeoTiffsWithoutCrs = ["rasterio__float.tif", "rasterio__float32.tif", "rasterio__float_nan.tif", "rasterio__rotated.tif"];

    private static readonly string CorpusDirectory = Repository.PathOf("tests", "corpus");

    private readonly TaskHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void Every_corpus_file_is_listed_once_with_its_origin_and_the_rule_behind_a_refusal()
    {
        var entries = CorpusManifest.Read(CorpusDirectory);
        var listed = entries.Select(entry => entry.File).ToHashSet(StringComparer.Ordinal);
        var onDisk = Directory.EnumerateFiles(CorpusDirectory, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(CorpusDirectory, path).Replace('\\', '/'))
            .Where(file => file.Contains('/'))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(entries.Count >= MinimumFiles, $"the corpus has {entries.Count} files; the issue asks for at least {MinimumFiles}");
        Assert.Equal(entries.Count, listed.Count);
        Assert.Empty(onDisk.Except(listed));
        Assert.Empty(listed.Except(onDisk));
        Assert.All(entries, entry =>
        {
            Assert.False(string.IsNullOrWhiteSpace(entry.Repository + entry.Commit + entry.License), entry.File);
            Assert.Equal(entry.Verdict != CorpusManifest.Accepted, entry.Rule.Length > 0);
        });
    }

    [Fact]
    public void A_dry_run_over_the_corpus_gives_each_file_the_verdict_of_its_manifest_row()
    {
        var entries = CorpusManifest.Read(CorpusDirectory);
        for (var index = 0; index < entries.Count; index++)
        {
            _harness.Item(entries[index].FullPath(CorpusDirectory), $"corpus-{index:D3}", ("Owner", "corpus"));
        }

        _harness.Configure = task => task.DryRun = true;
        // Port 9 (discard) on loopback: a dry run must send nothing, and anything it did send would fail the run.
        var (_, engine, _) = _harness.Run("http://127.0.0.1:9/");

        var codesByFile = engine.Errors.Select(error => (error.File, error.Code))
            .Concat(engine.Warnings.Select(warning => (warning.File, Code: "warns " + warning.Code)))
            .ToLookup(pair => pair.File, pair => pair.Code, StringComparer.Ordinal);
        var mismatches = new StringBuilder();
        foreach (var entry in entries)
        {
            var codes = codesByFile[entry.FullPath(CorpusDirectory)].ToList();
            var actual = codes.Count == 0 ? CorpusManifest.Accepted : string.Join(" ", codes);
            if (actual != entry.Verdict)
            {
                mismatches.Append(entry.File).Append(": manifest says ").Append(entry.Verdict).Append(", the task ").Append(actual).AppendLine();
            }
        }

        Assert.True(mismatches.Length == 0, mismatches.ToString() + engine.AllText);
        var files = entries.Select(entry => entry.FullPath(CorpusDirectory)).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(engine.Errors, error => !files.Contains(error.File));
    }

    [Fact]
    public void Every_corpus_GeoTIFF_is_a_readable_raster_source_and_only_those_without_GeoKeys_need_the_recipe_crs()
    {
        var refused = new List<string>();
        var withoutCrs = new List<string>();
        var files = Directory.EnumerateFiles(Path.Combine(CorpusDirectory, "geotiff")).Order(StringComparer.Ordinal).ToList();
        foreach (var path in files)
        {
            using var file = File.OpenRead(path);
            var (facts, problem) = RasterFileChecker.Check(SourceFileFormat.GeoTiff, file, CancellationToken.None);
            if (problem is not null)
            {
                refused.Add($"{Path.GetFileName(path)}: {problem}");
            }
            else if (!facts!.HasCrs)
            {
                withoutCrs.Add(Path.GetFileName(path));
            }
        }

        Assert.Equal(32, files.Count);
        Assert.Empty(refused);
        Assert.Equal(GeoTiffsWithoutCrs, withoutCrs);
    }

    [Fact]
    public void Reliability_doc_holds_the_figures_of_the_manifest()
    {
        var table = CorpusManifest.FiguresTable(CorpusManifest.Read(CorpusDirectory));
        var doc = File.ReadAllText(Repository.PathOf("docs", "reliability.md")).Replace("\r\n", "\n");

        Assert.True(doc.Contains(table, StringComparison.Ordinal), "docs/reliability.md should hold this table:\n" + table);
    }

    /// <summary>One row of tests/corpus/manifest.tsv.</summary>
    private sealed record CorpusEntry(string File, string Format, string Repository, string Path, string Commit, string License, string How, string Verdict, string Rule)
    {
        public string FullPath(string directory) => System.IO.Path.GetFullPath(System.IO.Path.Combine(directory, File));
    }

    /// <summary>Reads the manifest and derives the figures docs/reliability.md shows.</summary>
    private static class CorpusManifest
    {
        public const string Accepted = "accept";

        public static IReadOnlyList<CorpusEntry> Read(string directory) => File.ReadAllLines(System.IO.Path.Combine(directory, "manifest.tsv"))
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t'))
            .Select(cells => new CorpusEntry(cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6], cells[7], cells.Length > 8 ? cells[8] : string.Empty))
            .ToList();

        public static string FiguresTable(IReadOnlyList<CorpusEntry> entries)
        {
            var table = new StringBuilder("| format | files | accepted | of them warned | refused | refused by code |\n|---|---|---|---|---|---|\n");
            foreach (var format in entries.GroupBy(entry => entry.Format).OrderBy(group => group.Key, StringComparer.Ordinal))
            {
                table.Append(Row(format.Key, format.ToList()));
            }

            return table.Append(Row("**all**", entries)).ToString();
        }

        private static string Row(string name, IReadOnlyList<CorpusEntry> entries)
        {
            var refused = entries.Where(entry => entry.Verdict.StartsWith("MBX", StringComparison.Ordinal)).ToList();
            var warned = entries.Count(entry => entry.Verdict.StartsWith("warns", StringComparison.Ordinal));
            var byCode = string.Join(", ", refused.GroupBy(entry => entry.Verdict).OrderBy(group => group.Key, StringComparer.Ordinal)
                .Select(group => $"{group.Key} {group.Count()}"));
            return $"| {name} | {entries.Count} | {entries.Count - refused.Count} | {warned} | {refused.Count} | {(byCode.Length == 0 ? "-" : byCode)} |\n";
        }
    }
}
