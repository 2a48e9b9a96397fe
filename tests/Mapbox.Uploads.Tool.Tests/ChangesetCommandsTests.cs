using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Tool.Tests.Infrastructure;

namespace Mapbox.Uploads.Tool.Tests;

/// <summary>changesets upload|list|view|delete and publish-changesets against the emulator, through the installed tool.</summary>
[Collection(ToolCollection.Name)]
public sealed class ChangesetCommandsTests(ToolFixture fixture)
{
    private static string Feature(int id, string name) =>
        $"{{\"type\":\"Feature\",\"id\":{id},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[13.4,52.5]}},\"properties\":{{\"name\":\"{name}\"}}}}";

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    [Fact]
    public async Task Diff_then_changesets_upload_then_publish_changesets_leaves_the_tileset_holding_the_new_file()
    {
        var tileset = Samples.UniqueMapId("walk");
        var sourceId = Samples.UniqueMapId("swalk");
        var old = fixture.WriteData($"{sourceId}-old.ldgeojson", Lines(Feature(1, "a"), Feature(2, "b"), Feature(3, "c")));
        var now = fixture.WriteData($"{sourceId}.geojsonl", Lines(Feature(1, "a"), Feature(2, "B"), Feature(4, "d")));
        var changes = Path.Combine(fixture.DataDirectory, $"{sourceId}-changes.geojsonl");
        var payload = fixture.WriteData($"{sourceId}.payload.json", $"{{\"layers\":{{\"points\":{{\"changeset\":\"mapbox://tileset-changeset/{ToolFixture.Username}/{sourceId}\"}}}}}}");

        var source = await RunAsync("sources", "upload", sourceId, old);
        var initial = await RunAsync("publish", tileset, "--recipe", WriteRecipe(tileset, sourceId, incremental: true));
        var diff = await RunAsync("diff", old, now, "-o", changes);
        var upload = await RunAsync("changesets", "upload", sourceId, changes);
        var applied = await RunAsync("publish-changesets", tileset, payload, "--json");

        Assert.True(source.ExitCode == 0, source.ToString());
        Assert.True(initial.ExitCode == 0, initial.ToString());
        Assert.Contains("(initial publish of an incremental tileset)", initial.StandardError);
        Assert.True(diff.ExitCode == 0, diff.ToString());
        Assert.Contains("+1 ~1 -1", diff.StandardOutput);
        Assert.True(upload.ExitCode == 0, upload.ToString());
        Assert.Equal($"mapbox://tileset-changeset/{ToolFixture.Username}/{sourceId}: 1 file(s), {new FileInfo(changes).Length} bytes", upload.StandardOutput.Trim());
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Equal("success", applied.Json().GetProperty("stage").GetString());
        Assert.Contains($"applying changeset {sourceId} to layer points", applied.StandardError);
        AssertFeaturesAre(tileset, now);

        // The same again with --layer and the URI as list prints it: one more change, replacing the changeset's file.
        var newer = fixture.WriteData($"{sourceId}-newer.geojsonl", Lines(Feature(2, "B"), Feature(4, "D")));
        var more = Path.Combine(fixture.DataDirectory, $"{sourceId}-more.geojsonl");
        var secondDiff = await RunAsync("diff", now, newer, "-o", more);
        var replaced = await RunAsync("changesets", "upload", $"mapbox://tileset-changeset/{ToolFixture.Username}/{sourceId}", more, "--replace", "--json");
        var second = await RunAsync("publish-changesets", tileset, "--layer", $"points={sourceId}");

        Assert.True(secondDiff.ExitCode == 0, secondDiff.ToString());
        Assert.Equal(1, replaced.Json().GetProperty("files").GetInt32());
        Assert.True(second.ExitCode == 0, second.ToString());
        AssertFeaturesAre(tileset, newer);
    }

    [Fact]
    public async Task Changesets_upload_appends_or_replaces_and_list_view_and_delete_follow()
    {
        var id = Samples.UniqueMapId("cs");
        var file = fixture.WriteData($"{id}.ldgeojson", Feature(1, "a") + "\n");
        var uri = $"mapbox://tileset-changeset/{ToolFixture.Username}/{id}";

        var first = await RunAsync("changesets", "upload", id, file, "--json");
        var appended = await RunAsync("changesets", "upload", id, file);
        var replaced = await RunAsync("changesets", "upload", id, file, "--replace", "--json");
        var listed = await RunAsync("changesets", "list", "--sort", "modified", "--json");
        var viewed = await RunAsync("changesets", "view", id);
        var viewedByUri = await RunAsync("changesets", "view", uri, "--json");
        var deleted = await RunAsync("changesets", "delete", uri);
        var gone = await RunAsync("changesets", "view", id);
        var deletedAgain = await RunAsync("changesets", "delete", id);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(uri, first.Json().GetProperty("id").GetString());
        Assert.Contains(": 2 file(s)", appended.StandardOutput);
        Assert.Equal(1, replaced.Json().GetProperty("files").GetInt32());
        Assert.Contains(listed.Json().EnumerateArray(), c => c.GetProperty("id").GetString() == uri);
        Assert.StartsWith($"{uri}  1 file(s)", viewed.StandardOutput);
        Assert.Equal(uri, viewedByUri.Json().GetProperty("id").GetString());
        Assert.Equal($"deleted {id}", deleted.StandardOutput.Trim());
        Assert.True(gone.ExitCode == 1, gone.ToString());
        Assert.Contains("error MBX4001", gone.StandardError);
        Assert.True(deletedAgain.ExitCode == 1, deletedAgain.ToString());
        Assert.Contains($"error MBX4001: Mapbox API error: changeset '{id}'", deletedAgain.StandardError);
    }

    [Fact]
    public async Task Publish_changesets_codes_each_refusal_of_Mapbox()
    {
        var tileset = Samples.UniqueMapId("inc");
        var sourceId = await UploadSourceAsync(Feature(1, "a"), Feature(2, "b"));
        var changeset = Samples.UniqueMapId("chg");
        await RunAsync("changesets", "upload", changeset, fixture.WriteData($"{changeset}.ldgeojson", Lines(Feature(2, "b2"), "{\"id\":1,\"delete\":true}")));
        var payload = fixture.WriteData($"{changeset}.payload.json", $"{{\"layers\":{{\"points\":{{\"changeset\":\"mapbox://tileset-changeset/{ToolFixture.Username}/{changeset}\"}}}}}}");

        var noTileset = await RunAsync("publish-changesets", tileset, "--layer", $"points={changeset}");
        await RunAsync("publish", tileset, "--recipe", WriteRecipe(tileset, sourceId, incremental: true));
        var unknownLayer = await RunAsync("publish-changesets", tileset, "--layer", $"roads={changeset}");
        using (var client = new TilesetsClient(MapboxAccessToken.Parse(fixture.Token), new TilesetsClientOptions { ApiBaseUrl = fixture.Emulator.BaseUrl, PaceRequests = false }))
        {
            await client.UpdateRecipeAsync(new TilesetId(ToolFixture.Username, tileset), File.ReadAllText(WriteRecipe(tileset, sourceId, incremental: true, maxzoom: 7)));
        }

        var recipeChanged = await RunAsync("publish-changesets", tileset, payload);
        await RunAsync("publish", tileset, "--recipe", WriteRecipe(tileset, sourceId, incremental: false));
        var notIncremental = await RunAsync("publish-changesets", tileset, payload);

        Assert.True(noTileset.ExitCode == 1, noTileset.ToString());
        Assert.Contains("error MBX4013: Changeset refused by Mapbox", noTileset.StandardError);
        Assert.Contains("error MBX4013: Changeset refused by Mapbox", unknownLayer.StandardError);
        Assert.True(recipeChanged.ExitCode == 1, recipeChanged.ToString());
        Assert.Contains("error MBX4011: Recipe changed since the incremental publish", recipeChanged.StandardError);
        Assert.True(notIncremental.ExitCode == 1, notIncremental.ToString());
        Assert.Contains("error MBX4012: Tileset not published as incremental", notIncremental.StandardError);
        Assert.Equal(new[] { Feature(1, "a"), Feature(2, "b") }, fixture.Emulator.TilesetFeatures($"{ToolFixture.Username}.{tileset}")!["points"]);
    }

    [Fact]
    public async Task A_failed_changeset_job_is_MBX6005_on_the_payload_with_exit_1_and_the_tiles_unchanged()
    {
        var tileset = Samples.UniqueMapId("incf");
        var sourceId = await UploadSourceAsync(Feature(1, "a"));
        await RunAsync("changesets", "upload", sourceId, fixture.WriteData($"{sourceId}-changes.ldgeojson", Lines(Feature(1, "b"))));
        await RunAsync("publish", tileset, "--recipe", WriteRecipe(tileset, sourceId, incremental: true));
        var payload = fixture.WriteData($"{sourceId}.payload.json", $"{{\"layers\":{{\"points\":{{\"changeset\":\"mapbox://tileset-changeset/{ToolFixture.Username}/{sourceId}\"}}}}}}");
        fixture.Emulator.TilesetProcessing.FailChangesets($"{ToolFixture.Username}.{tileset}", "Changeset could not be applied");

        var failed = await RunAsync("publish-changesets", tileset, payload);

        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(payload)}: error MBX6005: Changeset job failed: {ToolFixture.Username}\.{tileset}, job \S+: Changeset could not be applied", failed.StandardError);
        Assert.Equal(new[] { Feature(1, "a") }, fixture.Emulator.TilesetFeatures($"{ToolFixture.Username}.{tileset}")!["points"]);
    }

    [Theory]
    [InlineData("not both or neither", "publish-changesets", "roads")]
    [InlineData("--layer takes NAME=CHANGESET_ID, not 'points'.", "publish-changesets", "roads", "--layer", "points")]
    [InlineData("--layer 'points': The changeset id 'bad!id' is not 1 to 32", "publish-changesets", "roads", "--layer", "points=bad!id")]
    [InlineData("--layer 'points' is given twice", "publish-changesets", "roads", "--layer", "points=a", "--layer", "points=b")]
    [InlineData("no such payload file", "publish-changesets", "roads", "missing.payload.json")]
    [InlineData("The changeset id 'bad id' is not 1 to 32", "changesets", "view", "bad id")]
    [InlineData("The changeset id 'mapbox://tileset-changeset/x' is not 1 to 32", "changesets", "delete", "ok", "mapbox://tileset-changeset/x")]
    [InlineData("Argument 'size' not recognized", "changesets", "list", "--sort", "size")]
    [InlineData("here it is 'dotnet mapbox changesets upload ID FILE... [--replace]'", "upload-changeset", "terminal", "roads", "roads.ldgeojson", "--replace")]
    [InlineData("here it is 'dotnet mapbox changesets view ID'", "view-changeset", "terminal", "roads")]
    [InlineData("here it is 'dotnet mapbox changesets delete ID... (it asks nothing)'", "delete-changeset", "terminal", "roads", "--force")]
    public async Task A_bad_argument_exits_2_with_a_message_and_sends_nothing(string message, params string[] arguments)
    {
        var requestsBefore = fixture.Emulator.Requests.Count;

        var run = await RunAsync(arguments);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.StandardError);
        Assert.Contains("--help' for usage.", run.StandardError);
        Assert.Empty(run.StandardOutput);
        Assert.Equal(requestsBefore, fixture.Emulator.Requests.Count);
    }

    [Theory]
    [InlineData("{\"layers\":{\"points\":{\"changeset\":\"x\"}}", "(1,39): the payload is not JSON")]
    [InlineData("{\"points\":{\"changeset\":\"x\"}}", ": the payload must be {\"layers\":")]
    [InlineData("{\"layers\":{\"points\":\"x\"}}", ": layer 'points' has no \"changeset\" string")]
    [InlineData("{\"layers\":{}}", ": the payload names no layer")]
    public async Task A_payload_file_of_the_wrong_shape_exits_2_naming_the_file_and_sends_nothing(string content, string message)
    {
        var payload = fixture.WriteData($"{Samples.UniqueMapId("bad")}.payload.json", content);
        var requestsBefore = fixture.Emulator.Requests.Count;

        var run = await RunAsync("publish-changesets", "roads", payload);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains($"dotnet mapbox: {payload}{message}", run.StandardError);
        Assert.Equal(requestsBefore, fixture.Emulator.Requests.Count);
    }

    [Fact]
    public async Task A_changeset_of_another_account_is_MBX2003_with_exit_2_and_nothing_sent()
    {
        var payload = fixture.WriteData($"{Samples.UniqueMapId("other")}.payload.json", "{\"layers\":{\"points\":{\"changeset\":\"mapbox://tileset-changeset/someone-else/roads\"}}}");
        var requestsBefore = fixture.Emulator.Requests.Count;

        var runs = new[]
        {
            await RunAsync("publish-changesets", "roads", payload),
            await RunAsync("changesets", "view", "mapbox://tileset-changeset/someone-else/roads"),
        };

        Assert.All(runs, run =>
        {
            Assert.True(run.ExitCode == 2, run.ToString());
            Assert.Contains($"error MBX2003: Tileset owner differs from the token's account: 'mapbox://tileset-changeset/someone-else/roads' is a changeset of the account someone-else, but the token is {ToolFixture.Username}'s", run.StandardError);
        });
        Assert.Equal(requestsBefore, fixture.Emulator.Requests.Count);
    }

    [Fact]
    public async Task A_changeset_file_that_is_not_line_delimited_is_refused_before_any_request()
    {
        var id = Samples.UniqueMapId("csbad");
        var geojson = fixture.WriteData($"{id}.geojson", Samples.ValidGeoJson);
        var requestsBefore = fixture.Emulator.Requests.Count;

        var run = await RunAsync("changesets", "upload", id, geojson);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"{geojson}: error MBX3005: File type not supported", run.StandardError);
        Assert.Equal(requestsBefore, fixture.Emulator.Requests.Count);
    }

    private void AssertFeaturesAre(string tileset, string path)
    {
        var features = fixture.Emulator.TilesetFeatures($"{ToolFixture.Username}.{tileset}");
        Assert.NotNull(features);
        Assert.Equal(File.ReadAllLines(path).Where(line => line.Length > 0).Order(StringComparer.Ordinal), features!["points"].Order(StringComparer.Ordinal));
    }

    private async Task<ToolRun> RunAsync(params string[] arguments)
    {
        var run = await fixture.RunAsync(arguments);
        Assert.False(run.AllOutput.Contains(fixture.Token, StringComparison.Ordinal), $"The token appeared in the output of {run.CommandLine}.");
        return run;
    }

    private async Task<string> UploadSourceAsync(params string[] lines)
    {
        var sourceId = Samples.UniqueMapId("src");
        var run = await RunAsync("sources", "upload", sourceId, fixture.WriteData($"{sourceId}.ldgeojson", Lines(lines)));
        Assert.True(run.ExitCode == 0, run.ToString());
        return sourceId;
    }

    private string WriteRecipe(string stem, string sourceId, bool incremental, int maxzoom = 5) => fixture.WriteData($"{stem}-{maxzoom}-{(incremental ? "inc" : "full")}.recipe.json",
        $$$$"""{"version":1,{{{{(incremental ? "\"incremental\":true," : string.Empty)}}}}"layers":{"points":{"source":"mapbox://tileset-source/{{{{ToolFixture.Username}}}}/{{{{sourceId}}}}","minzoom":0,"maxzoom":{{{{maxzoom}}}}}}}""");
}
