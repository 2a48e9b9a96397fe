using System;
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

    [Fact]
    public async Task Changesets_upload_appends_or_replaces_and_list_view_and_delete_follow()
    {
        var id = Samples.UniqueMapId("cs");
        var file = fixture.WriteData($"{id}.ldgeojson", Feature(1, "a") + "\n");

        var first = await RunAsync("changesets", "upload", id, file, "--json");
        var appended = await RunAsync("changesets", "upload", id, file);
        var replaced = await RunAsync("changesets", "upload", id, file, "--replace", "--json");
        var listed = await RunAsync("changesets", "list", "--sort", "modified", "--json");
        var viewed = await RunAsync("changesets", "view", id);
        var deleted = await RunAsync("changesets", "delete", id);
        var gone = await RunAsync("changesets", "view", id);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal($"mapbox://tileset-changeset/{ToolFixture.Username}/{id}", first.Json().GetProperty("id").GetString());
        Assert.Contains(": 2 file(s)", appended.StandardOutput);
        Assert.Equal(1, replaced.Json().GetProperty("files").GetInt32());
        Assert.Contains(listed.Json().EnumerateArray(), c => c.GetProperty("id").GetString()!.EndsWith("/" + id, StringComparison.Ordinal));
        Assert.StartsWith($"mapbox://tileset-changeset/{ToolFixture.Username}/{id}  1 file(s)", viewed.StandardOutput);
        Assert.Equal($"deleted {id}", deleted.StandardOutput.Trim());
        Assert.True(gone.ExitCode == 1, gone.ToString());
        Assert.Contains("error MBX4001", gone.StandardError);
    }

    [Fact]
    public async Task Publish_changesets_applies_a_changeset_to_an_incremental_tileset_and_codes_each_refusal()
    {
        var tileset = Samples.UniqueMapId("inc");
        var sourceId = await UploadSourceAsync(tileset, Feature(1, "a"), Feature(2, "b"));
        var recipe = WriteRecipe(tileset, sourceId, incremental: true);
        var changeset = Samples.UniqueMapId("chg");
        await RunAsync("changesets", "upload", changeset, fixture.WriteData($"{changeset}.ldgeojson", Feature(2, "b2") + "\n{\"id\":1,\"delete\":true}\n"));
        var payload = fixture.WriteData($"{changeset}.payload.json", $"{{\"layers\":{{\"points\":{{\"changeset\":\"mapbox://tileset-changeset/{ToolFixture.Username}/{changeset}\"}}}}}}");

        var noTileset = await RunAsync("publish-changesets", tileset, "--layer", $"points={changeset}");
        var initial = await RunAsync("publish", tileset, "--recipe", recipe);
        var applied = await RunAsync("publish-changesets", tileset, "--layer", $"points={changeset}", "--json");
        var features = fixture.Emulator.TilesetFeatures($"{ToolFixture.Username}.{tileset}")!["points"];
        var unknownLayer = await RunAsync("publish-changesets", tileset, "--layer", $"roads={changeset}");
        var reset = await RunAsync("publish", tileset, "--recipe", WriteRecipe(tileset, sourceId, incremental: true, maxzoom: 6), "--no-wait");
        var afterReset = await RunAsync("publish-changesets", tileset, payload, "--no-wait");
        await RunAsync("publish", tileset, "--recipe", WriteRecipe(tileset, sourceId, incremental: false), "--no-wait");
        var notIncremental = await RunAsync("publish-changesets", tileset, payload);

        Assert.True(noTileset.ExitCode == 1, noTileset.ToString());
        Assert.Contains("error MBX4013: Changeset refused by Mapbox", noTileset.StandardError);
        Assert.Contains("(initial publish of an incremental tileset)", initial.StandardError);
        Assert.True(applied.ExitCode == 0, applied.ToString());
        Assert.Equal("success", applied.Json().GetProperty("stage").GetString());
        Assert.Contains($"applying changeset {changeset} to layer points", applied.StandardError);
        Assert.Equal(new[] { Feature(2, "b2") }, features);
        Assert.Contains("error MBX4013: Changeset refused by Mapbox", unknownLayer.StandardError);
        Assert.Contains("(reset publish of an incremental tileset)", reset.StandardError);
        Assert.True(afterReset.ExitCode == 0, afterReset.ToString());
        Assert.True(notIncremental.ExitCode == 1, notIncremental.ToString());
        Assert.Contains("error MBX4012: Tileset not published as incremental", notIncremental.StandardError);
    }

    [Fact]
    public async Task A_changed_recipe_refuses_the_changeset_and_a_failed_changeset_job_exits_1_coded()
    {
        var tileset = Samples.UniqueMapId("incf");
        var sourceId = await UploadSourceAsync(tileset, Feature(1, "a"));
        var changeset = Samples.UniqueMapId("chgf");
        await RunAsync("changesets", "upload", changeset, fixture.WriteData($"{changeset}.ldgeojson", Feature(1, "b") + "\n"));
        await RunAsync("publish", tileset, "--recipe", WriteRecipe(tileset, sourceId, incremental: true));
        var payload = fixture.WriteData($"{changeset}.payload.json", $"{{\"layers\":{{\"points\":{{\"changeset\":\"mapbox://tileset-changeset/{ToolFixture.Username}/{changeset}\"}}}}}}");
        fixture.Emulator.TilesetProcessing.FailChangesets($"{ToolFixture.Username}.{tileset}", "Changeset could not be applied");

        var failed = await RunAsync("publish-changesets", tileset, payload);
        using (var client = new TilesetsClient(MapboxAccessToken.Parse(fixture.Token), new TilesetsClientOptions { ApiBaseUrl = fixture.Emulator.BaseUrl, PaceRequests = false }))
        {
            await client.UpdateRecipeAsync(new TilesetId(ToolFixture.Username, tileset), System.IO.File.ReadAllText(WriteRecipe(tileset, sourceId, incremental: true, maxzoom: 7)));
        }

        var changed = await RunAsync("publish-changesets", tileset, payload);

        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Matches($@"{payload}: error MBX6004: Changeset job failed: {ToolFixture.Username}\.{tileset}, job \S+: Changeset could not be applied", failed.StandardError);
        Assert.Equal(new[] { Feature(1, "a") }, fixture.Emulator.TilesetFeatures($"{ToolFixture.Username}.{tileset}")!["points"]);
        Assert.True(changed.ExitCode == 1, changed.ToString());
        Assert.Contains("error MBX4011: Recipe changed since the incremental publish", changed.StandardError);
    }

    [Theory]
    [InlineData("not both or neither", "publish-changesets", "roads")]
    [InlineData("error MBX4013: Changeset refused by Mapbox: --layer takes NAME=CHANGESET_ID, not 'points'", "publish-changesets", "roads", "--layer", "points")]
    [InlineData("error MBX4013: Changeset refused by Mapbox: The changeset id 'bad id' is not 1 to 32", "changesets", "view", "bad id")]
    [InlineData("Argument 'size' not recognized", "changesets", "list", "--sort", "size")]
    public async Task A_bad_argument_exits_2_with_a_message_and_sends_nothing(string message, params string[] arguments)
    {
        var run = await RunAsync(arguments);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.StandardError);
    }

    [Fact]
    public async Task A_changeset_file_that_is_not_line_delimited_is_refused_before_any_request()
    {
        var id = Samples.UniqueMapId("csbad");
        var geojson = fixture.WriteData($"{id}.geojson", Samples.ValidGeoJson);

        var run = await RunAsync("changesets", "upload", id, geojson);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"{geojson}: error MBX3005: File type not supported", run.StandardError);
        Assert.DoesNotContain(fixture.Emulator.Requests, r => r.Path.Contains(id, StringComparison.Ordinal));
    }

    private async Task<ToolRun> RunAsync(params string[] arguments)
    {
        var run = await fixture.RunAsync(arguments);
        Assert.False(run.AllOutput.Contains(fixture.Token, StringComparison.Ordinal), $"The token appeared in the output of {run.CommandLine}.");
        return run;
    }

    private async Task<string> UploadSourceAsync(string stem, params string[] lines)
    {
        var sourceId = Samples.UniqueMapId("s" + stem[..4]);
        var run = await RunAsync("sources", "upload", sourceId, fixture.WriteData($"{sourceId}.ldgeojson", string.Join("\n", lines) + "\n"));
        Assert.True(run.ExitCode == 0, run.ToString());
        return sourceId;
    }

    private string WriteRecipe(string stem, string sourceId, bool incremental, int maxzoom = 5) => fixture.WriteData($"{stem}-{maxzoom}-{(incremental ? "inc" : "full")}.recipe.json",
        $$$$"""{"version":1,{{{{(incremental ? "\"incremental\":true," : string.Empty)}}}}"layers":{"points":{"source":"mapbox://tileset-source/{{{{ToolFixture.Username}}}}/{{{{sourceId}}}}","minzoom":0,"maxzoom":{{{{maxzoom}}}}}}}""");
}
