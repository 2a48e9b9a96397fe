using System.IO;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Mapbox.Uploads.Tool.Tests.Infrastructure;

namespace Mapbox.Uploads.Tool.Tests;

[Collection(ToolCollection.Name)]
public sealed class DiffCommandTests(ToolFixture fixture)
{
    private static string Feature(string id, string name) =>
        $"{{\"type\":\"Feature\",\"id\":{id},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[1,2]}},\"properties\":{{\"name\":\"{name}\"}}}}";

    [Fact]
    public async Task Diff_writes_the_changed_features_then_the_delete_markers_and_prints_the_counts_with_no_request()
    {
        var old = fixture.WriteData("parks-old.ldgeojson", Feature("1", "a") + "\n" + Feature("2", "b") + "\n" + Feature("3", "c") + "\n");
        var now = fixture.WriteData("parks.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\n" + Feature("1", "a") + ",\n" + Feature("\"2\"", "B") + ",\n" + Feature("4", "d") + "]}");
        var changeset = Path.Combine(fixture.DataDirectory, "parks.changeset.ldgeojson");
        var requestsBefore = fixture.Emulator.Requests.Count;

        var run = await fixture.RunWithEnvironmentAsync(["diff", old, now, "-o", changeset], new System.Collections.Generic.Dictionary<string, string?>());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("+1 ~1 -1 (1 unchanged)", run.StandardOutput);
        Assert.Equal(Feature("\"2\"", "B") + "\n" + Feature("4", "d") + "\n{\"id\":3,\"delete\":true}\n", File.ReadAllText(changeset));
        Assert.Equal(requestsBefore, fixture.Emulator.Requests.Count);
    }

    [Fact]
    public async Task Diff_refuses_a_duplicate_id_naming_both_lines_and_writes_no_changeset()
    {
        var old = fixture.WriteData("trails-old.ldgeojson", Feature("1", "a") + "\n");
        var now = fixture.WriteData("trails.ldgeojson", Feature("1", "a") + "\n" + Feature("\"1\"", "b") + "\n");
        var changeset = Path.Combine(fixture.DataDirectory, "trails.changeset.ldgeojson");

        var run = await fixture.RunAsync("diff", old, now, "--output", changeset);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches($@"(?m)^{Regex.Escape(now)}\(2,1\): error MBX3023: Feature id not unique: .*line 1, column 1", run.StandardError);
        Assert.False(File.Exists(changeset));
    }
}
