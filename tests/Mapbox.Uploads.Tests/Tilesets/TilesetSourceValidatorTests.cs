using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Sources;
using Mapbox.Uploads.Tests.Validation;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Tests.Tilesets;

/// <summary>A source's local checks: id, count, extensions, content with line and column.</summary>
public class TilesetSourceValidatorTests : IDisposable
{
    private const string Feature = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"properties\":{}}";
    private readonly TempFiles _files = new();

    [Fact]
    public void Valid_files_of_both_kinds_pass()
    {
        var collection = _files.WriteText("a.geojson", "{\"type\":\"FeatureCollection\",\"features\":[" + Feature + "]}");
        var lines = _files.WriteText("b.ldgeojson", Feature + "\n" + Feature + "\n");

        Assert.Empty(TilesetSourceValidator.Validate("roads", new[] { collection, lines }));
    }

    [Fact]
    public void A_bad_line_is_named_with_its_line_and_column()
    {
        var lines = _files.WriteText("b.ndjson", Feature + "\n" + Feature + "\n{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,200]},\"properties\":{}}\n");

        var problem = Assert.Single(TilesetSourceValidator.Validate("roads", new[] { lines }));

        Assert.Equal(lines, problem.FilePath);
        Assert.Equal(3, problem.Line);
        Assert.NotNull(problem.Column);
        Assert.Contains("roads", problem.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":\"Point\",\"coordinates\":[1,2]}", 1, "not a Feature")]
    [InlineData("", 2, "empty")]
    [InlineData("{\"type\":\"Feature\",\"geometry\":null", 2, "")]
    public void A_line_that_is_not_a_feature_is_refused(string badLine, int line, string expected)
    {
        var lines = _files.WriteText("c.geojsonseq", Feature + "\n" + (line == 1 ? badLine + "\n" + Feature : badLine.Length == 0 ? "\n" + Feature : badLine) + "\n");

        var problem = Assert.Single(TilesetSourceValidator.Validate("roads", new[] { lines }));

        Assert.Equal(line == 1 ? 2 : line, problem.Line);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GeoJson_problems_keep_the_validator_line_and_column()
    {
        var broken = _files.WriteText("broken.geojson", "{\"type\":\"FeatureCollection\",\n\"features\":[\n" + Feature + ",\n  {\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1]},\"properties\":{}}]}");

        var problem = Assert.Single(TilesetSourceValidator.Validate("roads", new[] { broken }));

        Assert.Equal(4, problem.Line);
    }

    [Theory]
    [InlineData("{\"type\":\"Point\",\"coordinates\":[1,2]}", "Point")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[]}", "No GeoJSON features processed")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[],\"extra\":{\"type\":\"Feature\",\"geometry\":null,\"properties\":{}}}", "No GeoJSON features processed")]
    [InlineData("{\"type\":\"GeometryCollection\",\"geometries\":[{\"type\":\"Point\",\"coordinates\":[1,2]}]}", "The GeoJSON root is a GeometryCollection; a tileset source needs a FeatureCollection or a Feature.")]
    public void A_geojson_file_without_features_is_refused(string content, string expected)
    {
        var file = _files.WriteText("x.geojson", content);

        Assert.Contains(expected, Assert.Single(TilesetSourceValidator.Validate("roads", new[] { file })).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"type\":\"Feature\",\"geometry\":null,\"properties\":{}}")]
    [InlineData("{\"features\":[{\"geometry\":null,\"type\":\"Feature\",\"properties\":{}}],\"type\":\"FeatureCollection\"}")]
    [InlineData("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]},\"properties\":{\"inner\":{\"type\":\"Feature\"}}}")]
    public async Task A_feature_root_or_a_collection_with_features_passes_in_the_checks_one_read_as_the_conversion_agrees(string content)
    {
        var file = _files.WriteText("x.geojson", content);

        Assert.Empty(TilesetSourceValidator.Validate("roads", new[] { file }));
        await using var stream = File.OpenRead(file);
        Assert.Equal(1, await GeoJsonLineWriter.WriteAsync(stream, Stream.Null, CancellationToken.None));
    }

    [Fact]
    public void Source_level_problems_come_first_and_files_are_checked_one_by_one()
    {
        var problems = TilesetSourceValidator.Validate("bad id", new[] { _files.PathOf("missing.geojson"), _files.WriteText("data.csv", "a,b") });

        Assert.Equal(3, problems.Count);
        Assert.Null(problems[0].FilePath);
        Assert.Contains("No file exists", problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("'.csv'", problems[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_files_is_a_problem_of_the_source()
    {
        Assert.Contains("0 files", Assert.Single(TilesetSourceValidator.Validate("roads", Array.Empty<string>())).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("A-z_09", true)]
    [InlineData("abcdefghijabcdefghijabcdefghij12", true)]
    [InlineData("abcdefghijabcdefghijabcdefghij123", false)]
    [InlineData("has.dot", false)]
    [InlineData("", false)]
    public void Source_ids_follow_the_documented_rule(string id, bool valid)
    {
        Assert.Equal(valid, TilesetSourceValidator.CheckSourceId(id) is null);
    }

    public void Dispose() => _files.Dispose();
}
