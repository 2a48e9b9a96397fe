using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Mapbox.Uploads.Tool.Tests.Infrastructure;

namespace Mapbox.Uploads.Tool.Tests;

[Collection(ToolCollection.Name)]
public sealed class CheckCommandTests(ToolFixture fixture)
{
    [Fact]
    public async Task Check_prints_a_coded_line_per_problem_with_its_position_and_exits_1_with_no_token_and_no_request()
    {
        var good = fixture.WriteData("good.geojson", Samples.ValidGeoJson);
        var bad = fixture.WriteData("bad.geojson", Samples.GeoJsonWithBadLatitude);
        var unsupported = fixture.WriteData("notes.txt", "not map data");
        var requestsBefore = fixture.Emulator.Requests.Count;

        var run = await fixture.RunWithEnvironmentAsync(["check", good, bad, unsupported], new System.Collections.Generic.Dictionary<string, string?>());

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"{good}: ok (GeoJson)", run.StandardOutput);
        Assert.Matches($@"(?m)^{Regex.Escape(bad)}\(1,\d+\): error MBX3010: Invalid GeoJSON: Latitude 200 is outside -90..90", run.StandardOutput);
        Assert.Matches($@"(?m)^{Regex.Escape(unsupported)}: error MBX3005: File type not supported: ", run.StandardOutput);
        Assert.Equal(requestsBefore, fixture.Emulator.Requests.Count);
    }

    [Fact]
    public async Task Check_json_reports_every_file_and_passing_files_exit_0()
    {
        var good = fixture.WriteData("fine.geojson", Samples.ValidGeoJson);
        var bad = fixture.WriteData("wrong.geojson", Samples.GeoJsonWithBadLatitude);

        var failing = await fixture.RunAsync("check", good, bad, "--json");
        var passing = await fixture.RunAsync("check", good, "--json");

        Assert.True(failing.ExitCode == 1, failing.ToString());
        var reports = failing.Json().EnumerateArray().ToList();
        Assert.True(reports[0].GetProperty("valid").GetBoolean());
        Assert.False(reports[1].GetProperty("valid").GetBoolean());
        Assert.Equal("MBX3010", reports[1].GetProperty("code").GetString());
        Assert.Equal(1, reports[1].GetProperty("line").GetInt32());
        Assert.True(passing.ExitCode == 0, passing.ToString());
        Assert.True(Assert.Single(passing.Json().EnumerateArray()).GetProperty("valid").GetBoolean());
    }
}
