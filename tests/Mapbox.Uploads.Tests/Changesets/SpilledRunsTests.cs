using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using Mapbox.Uploads.Changesets;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Changesets;

/// <summary>The external sort-merge with runs of a few entries: a few thousand features spill into hundreds of runs.</summary>
public class SpilledRunsTests
{
    private static string Feature(int id, string name) =>
        $"{{\"type\":\"Feature\",\"id\":{id.ToString(CultureInfo.InvariantCulture)},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[1,2]}},\"properties\":{{\"name\":\"{name}\"}}}}";

    private static string Lines(IEnumerable<string> lines) => string.Concat(lines.Select(line => line + "\n"));

    [Theory]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(100000)]
    public void A_diff_through_many_runs_sends_what_one_run_sends(int runEntries)
    {
        var temp = Path.Combine(Path.GetTempPath(), "mbx-runs-" + Guid.NewGuid().ToString("N"));
        var options = new SortOptions(runEntries, temp);
        var ids = Enumerable.Range(0, 3000).ToList();
        using var old = TempFile.WithText(Lines(ids.Select(id => Feature(id, "a"))), ".ldgeojson");
        // Changed every 10th, removed every 7th (the run boundaries of the old file's order), added 3000..3099.
        var kept = ids.Where(id => id % 7 != 0).ToList();
        var now = kept.Select(id => Feature(id, id % 10 == 0 ? "b" : "a")).Concat(Enumerable.Range(3000, 100).Select(id => Feature(id, "new"))).ToList();
        using var file = TempFile.WithText(Lines(now), ".ldgeojson");
        try
        {
            var (index, problem) = FeatureIndex.Build(old.Path, options, default);
            Assert.Null(problem);
            using var output = new MemoryStream();
            var result = ChangesetDiff.Write(file.Path, index!, output, options, default);

            var expected = Lines(now.Where(line => line.Contains("\"b\"") || line.Contains("\"new\"")));
            var removed = ids.Where(id => id % 7 == 0).ToHashSet();
            var changeset = Encoding.UTF8.GetString(output.ToArray());
            Assert.StartsWith(expected, changeset, StringComparison.Ordinal);
            var markers = changeset.Substring(expected.Length).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(removed.OrderBy(id => id), markers.Select(m => int.Parse(m.Substring(6, m.IndexOf(',', StringComparison.Ordinal) - 6), CultureInfo.InvariantCulture)).OrderBy(id => id));
            Assert.All(markers, m => Assert.EndsWith(",\"delete\":true}", m, StringComparison.Ordinal));
            Assert.Equal($"+100 ~{kept.Count(id => id % 10 == 0)} -{removed.Count}", result.Counts.ToString());
            Assert.Equal(now.Count, result.Index!.Count);

            var path = file.Path + ".index";
            result.Index.Write(path, file.Sha256());
            var again = FeatureIndex.Read(path)!;
            using var empty = new MemoryStream();
            Assert.True(ChangesetDiff.Write(file.Path, again, empty, options, default).Counts.IsEmpty);
            File.Delete(path);
            result.Index.Dispose();
            index!.Dispose();
            Assert.Empty(Directory.GetFiles(temp));
        }
        finally
        {
            Directory.Delete(temp, true);
        }
    }

    [Fact]
    public void A_duplicate_in_another_run_names_both_lines_and_leaves_no_temporary_file()
    {
        var temp = Path.Combine(Path.GetTempPath(), "mbx-runs-" + Guid.NewGuid().ToString("N"));
        var lines = Enumerable.Range(0, 2000).Select(id => Feature(id, "a")).ToList();
        lines.Add(Feature(5, "again"));
        using var file = TempFile.WithText(Lines(lines), ".ldgeojson");
        try
        {
            var (index, problem) = FeatureIndex.Build(file.Path, new SortOptions(16, temp), default);

            Assert.Null(index);
            Assert.Equal(FeatureProblemKind.DuplicateId, problem!.Kind);
            Assert.Equal(2001, problem.Line);
            Assert.Contains("line 6, column 1", problem.Message, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(temp));
        }
        finally
        {
            Directory.Delete(temp, true);
        }
    }

    [Fact]
    public void An_index_of_the_first_format_reads_as_none()
    {
        using var file = TempFile.WithText(Lines(new[] { Feature(1, "a") }), ".ldgeojson");
        var path = file.Path + ".index";
        try
        {
            var (built, _) = FeatureIndex.Build(file.Path);
            built!.Write(path, file.Sha256());
            var bytes = File.ReadAllBytes(path);
            Assert.NotNull(FeatureIndex.Read(path));
            bytes[7] = (byte)'1';
            using (var sha256 = System.Security.Cryptography.SHA256.Create())
            {
                sha256.ComputeHash(bytes, 0, bytes.Length - 32).CopyTo(bytes, bytes.Length - 32);
            }

            File.WriteAllBytes(path, bytes);
            Assert.Null(FeatureIndex.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
