using System;
using System.IO;
using System.Linq;
using System.Text;
using Mapbox.Uploads.Changesets;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Changesets;

/// <summary>A source file diffed against the index of its last published state: the changeset's lines, counts and refusals.</summary>
public class ChangesetDiffTests
{
    private static string Feature(string id, string name) =>
        $"{{\"type\":\"Feature\",\"id\":{id},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[1,2]}},\"properties\":{{\"name\":\"{name}\"}}}}";

    private static FeatureIndex IndexOf(TempFile file)
    {
        var (index, problem) = FeatureIndex.Build(file.Path);
        Assert.Null(problem);
        return index!;
    }

    private static (ChangesetResult Result, string Changeset) Diff(FeatureIndex old, TempFile file)
    {
        using var output = new MemoryStream();
        var result = ChangesetDiff.Write(file.Path, old, output);
        return (result, Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Added_and_changed_features_are_sent_as_written_then_removed_ids_as_delete_markers()
    {
        using var old = TempFile.WithText(string.Join("\n", Feature("1", "a"), Feature("\"two\"", "b"), Feature("3", "c"), Feature("4", "d")) + "\n", ".ldgeojson");
        using var now = TempFile.WithText(string.Join("\r\n", Feature("1", "a"), Feature("\"two\"", "B"), Feature("5", "e"), Feature("4", "d")), ".ldgeojson");

        var (result, changeset) = Diff(IndexOf(old), now);

        Assert.Null(result.Problem);
        Assert.Equal(Feature("\"two\"", "B") + "\n" + Feature("5", "e") + "\n" + "{\"id\":3,\"delete\":true}\n", changeset);
        Assert.Equal("+1 ~1 -1", result.Counts.ToString());
        Assert.Equal(2, result.Counts.Unchanged);
        Assert.Equal(Encoding.UTF8.GetByteCount(changeset), result.Counts.ChangesetBytes);
        Assert.Equal(Feature("\"two\"", "B").Length + Feature("5", "e").Length, result.Counts.ChangedFeatureBytes);
        Assert.Equal(4, result.Index!.Count);
        Assert.Equal(75, result.Counts.ChangePercent);
    }

    [Fact]
    public void A_feature_collection_is_diffed_by_the_lines_the_service_receives()
    {
        using var lines = TempFile.WithText(Feature("1", "a") + "\n" + Feature("2", "b") + "\n", ".ldgeojson");
        using var collection = TempFile.WithText("{\"type\": \"FeatureCollection\",\n \"features\": [\n" + Feature("1", "a") + ",\n" + Feature("2", "changed") + "\n]}\n");

        var (result, changeset) = Diff(IndexOf(lines), collection);

        Assert.Equal("+0 ~1 -0", result.Counts.ToString());
        Assert.Equal(Feature("2", "changed") + "\n", changeset);
    }

    [Fact]
    public void An_unchanged_file_gives_an_empty_changeset()
    {
        using var file = TempFile.WithText(Feature("1", "a") + "\n" + Feature("2", "b") + "\n", ".ldgeojson");

        var (result, changeset) = Diff(IndexOf(file), file);

        Assert.True(result.Counts.IsEmpty);
        Assert.Equal(string.Empty, changeset);
    }

    [Theory]
    [InlineData("1", "\"1\"", true)]
    [InlineData("1", "1.0", true)]
    [InlineData("-0", "0", true)]
    [InlineData("12345678901234567890", "\"12345678901234567890\"", true)]
    [InlineData("1", "\"01\"", false)]
    [InlineData("\"a\"", "\"A\"", false)]
    [InlineData("1.5", "\"1.5\"", false)]
    [InlineData("\"\\u0061\"", "\"a\"", true)]
    public void An_integer_and_a_string_of_its_digits_are_one_id(string first, string second, bool same)
    {
        using var file = TempFile.WithText(Feature(first, "a") + "\n" + Feature(second, "b") + "\n", ".ldgeojson");

        var (index, problem) = FeatureIndex.Build(file.Path);

        Assert.Equal(same, problem is not null);
        Assert.Equal(same ? null : 2, index?.Count);
    }

    [Fact]
    public void A_duplicate_id_names_both_lines()
    {
        using var file = TempFile.WithText(Feature("1", "a") + "\n" + Feature("2", "b") + "\n  " + Feature("\"1\"", "c") + "\n", ".ldgeojson");

        var (_, problem) = FeatureIndex.Build(file.Path);

        Assert.Equal(FeatureProblemKind.DuplicateId, problem!.Kind);
        Assert.Equal((3, 3), (problem.Line, problem.Column));
        Assert.Contains("line 1, column 1", problem.Message);
    }

    [Theory]
    [InlineData("{\"type\":\"Feature\",\"geometry\":null,\"properties\":{}}", FeatureProblemKind.MissingId)]
    [InlineData("{\"type\":\"Feature\",\"id\":{\"a\":1},\"geometry\":null,\"properties\":{}}", FeatureProblemKind.InvalidId)]
    [InlineData("{\"type\":\"Feature\",\"id\":null,\"geometry\":null,\"properties\":{}}", FeatureProblemKind.InvalidId)]
    [InlineData("{\"type\":\"Feature\",\"id\":7,\"delete\":false,\"geometry\":null,\"properties\":{}}", FeatureProblemKind.DeleteMember)]
    public void A_feature_the_diff_cannot_match_is_refused_with_its_place(string bad, FeatureProblemKind kind)
    {
        using var collection = TempFile.WithText("{\"type\":\"FeatureCollection\",\"features\":[\n" + Feature("1", "a") + ",\n    " + bad + "]}");

        var (_, problem) = FeatureIndex.Build(collection.Path);

        Assert.Equal(kind, problem!.Kind);
        Assert.Equal((3, 5), (problem.Line, problem.Column));
    }

    [Fact]
    public void The_index_survives_a_round_trip_and_a_damaged_one_reads_as_none()
    {
        using var file = TempFile.WithText(string.Concat(Enumerable.Range(1000000, 500).Select(i => Feature(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "n") + "\n")), ".ldgeojson");
        var path = file.Path + ".index";
        try
        {
            IndexOf(file).Write(path, file.Sha256());
            var read = FeatureIndex.Read(path)!;
            Assert.Equal(file.Sha256(), read.SourceSha256);

            var (result, _) = Diff(read, file);
            Assert.True(result.Counts.IsEmpty);
            Assert.True((new FileInfo(path).Length - 80) / 500.0 <= 40, $"{(new FileInfo(path).Length - 80) / 500.0} bytes a feature");

            var bytes = File.ReadAllBytes(path);
            bytes[40] ^= 1;
            File.WriteAllBytes(path, bytes);
            Assert.Null(FeatureIndex.Read(path));
            File.WriteAllBytes(path, bytes.AsSpan(0, 30).ToArray());
            Assert.Null(FeatureIndex.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Ids_whose_hashes_collide_are_told_apart_by_the_ids()
    {
        var ids = Encoding.UTF8.GetBytes("\"a\"\"b\"");
        var digest = new FeatureDigest(1, 2);
        var index = new FeatureIndex(new ulong[] { 7, 7 }, new[] { digest, digest }, ids, new[] { 0, 3, 6 }, 2);

        Assert.Equal(1, index.Find(7, FeatureId.Key(Encoding.UTF8.GetBytes("\"b\""))));
        Assert.Equal(0, index.Find(7, FeatureId.Key(Encoding.UTF8.GetBytes("\"a\""))));
        Assert.Equal(-1, index.Find(7, FeatureId.Key(Encoding.UTF8.GetBytes("\"c\""))));
    }
}
