using System;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Tool.Tests.Infrastructure;

namespace Mapbox.Uploads.Tool.Tests;

/// <summary>sources, recipe validate, publish and jobs: the Tiling Service commands against the emulator.</summary>
[Collection(ToolCollection.Name)]
public sealed class TilesetCommandsTests(ToolFixture fixture)
{
    private const string Lines =
        """
        {"type":"Feature","geometry":{"type":"Point","coordinates":[13.5,52.4]},"properties":{"name":"b"}}
        {"type":"Feature","geometry":{"type":"Point","coordinates":[13.6,52.3]},"properties":{"name":"c"}}

        """;

    [Fact]
    public async Task Sources_upload_replaces_then_appends_and_list_and_delete_follow()
    {
        var sourceId = Samples.UniqueMapId("src");
        var collection = fixture.WriteData($"{sourceId}.geojson", Samples.ValidGeoJson);
        var lines = fixture.WriteData($"{sourceId}.ldgeojson", Lines);

        var upload = await RunAsync("sources", "upload", sourceId, collection, lines, "--json");
        var listed = await RunAsync("sources", "list", "--json");
        var delete = await RunAsync("sources", "delete", sourceId);
        var afterDelete = await RunAsync("sources", "list");

        Assert.True(upload.ExitCode == 0, upload.ToString());
        Assert.Equal(2, upload.Json().GetProperty("files").GetInt32());
        Assert.Equal([1, 2], upload.Json().GetProperty("sent").EnumerateArray().Select(sent => sent.GetProperty("files").GetInt32()));
        Assert.Contains($"{lines}: sent to source {sourceId}", upload.StandardError);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        var source = Assert.Single(listed.Json().EnumerateArray(), item => item.GetProperty("id").GetString()!.EndsWith("/" + sourceId, StringComparison.Ordinal));
        Assert.Equal(2, source.GetProperty("files").GetInt32());
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Equal($"deleted {sourceId}", delete.StandardOutput.Trim());
        Assert.DoesNotContain(sourceId, afterDelete.StandardOutput);
    }

    [Fact]
    public async Task Sources_upload_refuses_a_bad_file_with_its_position_and_sends_nothing()
    {
        var sourceId = Samples.UniqueMapId("src-bad");
        var bad = fixture.WriteData($"{sourceId}.geojson", Samples.GeoJsonWithBadLatitude);

        var run = await RunAsync("sources", "upload", sourceId, bad);
        var listed = await RunAsync("sources", "list");

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"{bad}(1,", run.StandardError);
        Assert.Contains("error MBX3010: Invalid GeoJSON", run.StandardError);
        Assert.Contains("(nothing was sent)", run.StandardError);
        Assert.DoesNotContain(sourceId, listed.StandardOutput);
    }

    [Fact]
    public async Task Recipe_validate_passes_a_good_recipe_and_exits_1_with_the_services_errors()
    {
        var sourceId = await UploadSourceAsync("rv");
        var good = WriteRecipe("rv-good", sourceId);
        var missingSource = WriteRecipe("rv-missing", "nosuchsource");
        var notARecipe = fixture.WriteData("rv-local.json", """{"version":1}""");

        var valid = await RunAsync("recipe", "validate", good);
        var validJson = await RunAsync("recipe", "validate", good, "--json");
        var invalid = await RunAsync("recipe", "validate", missingSource);
        var invalidJson = await RunAsync("recipe", "validate", missingSource, "--json");
        var local = await RunAsync("recipe", "validate", notARecipe, "--json");

        Assert.True(valid.ExitCode == 0, valid.ToString());
        Assert.Equal($"{good}: valid", valid.StandardOutput.Trim());
        Assert.True(validJson.Json().GetProperty("valid").GetBoolean());
        Assert.True(invalid.ExitCode == 1, invalid.ToString());
        Assert.Contains($"{missingSource}: error MBX3021: Recipe invalid: the service's validation refused the recipe: layers.points.source: "
            + $"mapbox://tileset-source/{ToolFixture.Username}/nosuchsource does not exist", invalid.StandardOutput);
        Assert.Equal(1, invalidJson.ExitCode);
        Assert.Equal("service", invalidJson.Json().GetProperty("checkedBy").GetString());
        Assert.NotEmpty(invalidJson.Json().GetProperty("errors").EnumerateArray());
        Assert.Equal(1, local.ExitCode);
        Assert.Equal("local", local.Json().GetProperty("checkedBy").GetString());
    }

    [Fact]
    public async Task Publish_creates_the_tileset_waits_for_the_job_and_jobs_lists_it_then_a_second_publish_updates_the_recipe()
    {
        var sourceId = await UploadSourceAsync("pub");
        var tileset = Samples.UniqueMapId("pub");
        var recipe = WriteRecipe(tileset, sourceId);

        var dry = await RunAsync("publish", tileset, "--recipe", recipe, "--dry-run");
        var first = await RunAsync("publish", tileset, "--recipe", recipe, "--json");
        var second = await RunAsync("publish", tileset, "--recipe", recipe);
        var dryAfter = await RunAsync("publish", tileset, "--dry-run", "--json");
        var jobId = first.Json().GetProperty("id").GetString()!;
        var jobs = await RunAsync("jobs", tileset, "--json");
        var one = await RunAsync("jobs", tileset, jobId);
        var list = await RunAsync("jobs", tileset);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal("success", first.Json().GetProperty("stage").GetString());
        Assert.Contains($"{recipe}: created {ToolFixture.Username}.{tileset}.", first.StandardError);
        Assert.Contains($"{ToolFixture.Username}.{tileset}: job {jobId} success", first.StandardError);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains($"{recipe}: updated the recipe of {ToolFixture.Username}.{tileset}.", second.StandardError);
        Assert.Matches($@"^{ToolFixture.Username}\.{tileset}: job \S+ success$", second.StandardOutput.Trim());
        Assert.True(jobs.ExitCode == 0, jobs.ToString());
        Assert.Equal(2, jobs.Json().GetArrayLength());
        Assert.Contains(jobs.Json().EnumerateArray(), job => job.GetProperty("id").GetString() == jobId);
        Assert.True(one.ExitCode == 0, one.ToString());
        Assert.Contains($"job        {jobId}", one.StandardOutput);
        Assert.Contains("stage      success", one.StandardOutput);
        var record = jobs.Json().EnumerateArray().Single(job => job.GetProperty("id").GetString() == jobId);
        var filesize = record.GetProperty("filesize").GetInt64();
        var cu = record.GetProperty("cu").GetDouble();
        Assert.InRange(cu, 0.3, 5);
        var megabytes = (filesize / 1e6).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture) + " MB";
        Assert.Contains($"filesize   {filesize} bytes ({megabytes} processed)", one.StandardOutput);
        Assert.Contains($"cu         {cu.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)}", one.StandardOutput);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains("PROCESSED", list.StandardOutput);
        Assert.Contains(list.StandardOutput.Split('\n'), line => line.StartsWith(jobId, StringComparison.Ordinal) && line.Contains(megabytes, StringComparison.Ordinal));

        // The dry run, before the tileset existed, estimated what the job then processed, worded as the build's estimate.
        Assert.True(dry.ExitCode == 0, dry.ToString());
        Assert.Equal(
            [
                $"Mapbox: this command would have {megabytes} processed for 1 of 1 tileset(s):",
                $"  {ToolFixture.Username}.{tileset}: {megabytes} of tileset source(s) '{sourceId}' read by {recipe} (new)",
                "Dry run: nothing was sent for processing.",
            ],
            dry.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')));
        // After two publishes it reads the tileset's recipe and names the last successful job's cost.
        Assert.True(dryAfter.ExitCode == 0, dryAfter.ToString());
        var last = jobs.Json().EnumerateArray().First();
        var estimate = Assert.Single(dryAfter.Json().GetProperty("tilesets").EnumerateArray());
        Assert.Equal(filesize, dryAfter.Json().GetProperty("processedBytes").GetInt64());
        Assert.Equal("requested", estimate.GetProperty("reason").GetString());
        Assert.Equal(last.GetProperty("id").GetString(), estimate.GetProperty("lastJob").GetProperty("jobId").GetString());
        Assert.Equal(last.GetProperty("cu").GetDouble(), estimate.GetProperty("lastJob").GetProperty("computeUnits").GetDouble());
        Assert.Equal(2, (await RunAsync("jobs", tileset, "--json")).Json().GetArrayLength());
    }

    [Fact]
    public async Task Publish_without_waiting_prints_the_job_id()
    {
        var sourceId = await UploadSourceAsync("nowait");
        var tileset = Samples.UniqueMapId("nowait");

        var run = await RunAsync("publish", tileset, "--recipe", WriteRecipe(tileset, sourceId), "--no-wait", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"{ToolFixture.Username}.{tileset}", run.Json().GetProperty("tileset").GetString());
        Assert.False(string.IsNullOrEmpty(run.Json().GetProperty("jobId").GetString()));
    }

    [Fact]
    public async Task A_failed_job_exits_1_with_its_errors_coded_and_a_warning_is_printed()
    {
        var sourceId = await UploadSourceAsync("fail");
        var failing = Samples.UniqueMapId("fail");
        var warned = Samples.UniqueMapId("warn");
        fixture.Emulator.TilesetProcessing.FailTileset($"{ToolFixture.Username}.{failing}", "No GeoJSON features processed");
        fixture.Emulator.TilesetProcessing.WarnTileset($"{ToolFixture.Username}.{warned}", "Some tiles exceeded the 500 KB tile size limit");
        var failingRecipe = WriteRecipe(failing, sourceId);
        var warnedRecipe = WriteRecipe(warned, sourceId);

        var failed = await RunAsync("publish", failing, "--recipe", failingRecipe);
        var warning = await RunAsync("publish", warned, "--recipe", warnedRecipe);

        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Matches($@"{failingRecipe}: error MBX6002: Tileset job failed: {ToolFixture.Username}\.{failing}, job \S+: No GeoJSON features processed", failed.StandardError);
        Assert.True(warning.ExitCode == 0, warning.ToString());
        Assert.Matches($@"{warnedRecipe}: warning: {ToolFixture.Username}\.{warned}, job \S+: Some tiles exceeded the 500 KB tile size limit", warning.StandardError);
    }

    [Theory]
    [InlineData("SOURCE_ID FILE", "sources", "upload")]
    [InlineData("tileset sources", "sources", "list")]
    [InlineData("SOURCE_ID", "sources", "delete")]
    [InlineData("FILE", "recipe", "validate")]
    [InlineData("--recipe", "publish")]
    [InlineData("JOB_ID", "jobs")]
    public async Task Every_tiling_service_command_has_help(string mentioned, params string[] command)
    {
        var run = await RunAsync([.. command, "--help"]);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"dotnet-mapbox {string.Join(' ', command)}", run.StandardOutput);
        Assert.Contains(mentioned, run.StandardOutput.Replace("<", string.Empty).Replace(">", string.Empty));
    }

    [Theory]
    [InlineData("error MBX2002: MapId invalid: 'a.b.c'", "publish", "a.b.c")]
    [InlineData("--timeout takes a whole number above 0, not '0'.", "publish", "roads", "--timeout", "0")]
    [InlineData("Required argument missing for command: 'upload'.", "sources", "upload", "roads")]
    [InlineData("Unrecognized command or argument 'remove'.", "sources", "remove", "roads")]
    [InlineData("Run 'dotnet mapbox recipe validate --help' for usage.", "recipe", "validate")]
    [InlineData("Unrecognized command or argument 'extra'.", "jobs", "roads", "job", "extra")]
    public async Task A_bad_argument_exits_2_with_a_message(string message, params string[] arguments)
    {
        var run = await RunAsync(arguments);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Empty(run.StandardOutput);
        Assert.Contains(message, run.StandardError);
    }

    private async Task<ToolRun> RunAsync(params string[] arguments)
    {
        var run = await fixture.RunAsync(arguments);
        Assert.False(run.AllOutput.Contains(fixture.Token, StringComparison.Ordinal), $"The token appeared in the output of {run.CommandLine}.");
        return run;
    }

    private async Task<string> UploadSourceAsync(string stem)
    {
        var sourceId = Samples.UniqueMapId(stem);
        var run = await RunAsync("sources", "upload", sourceId, fixture.WriteData($"{sourceId}.ldgeojson", Lines));
        Assert.True(run.ExitCode == 0, run.ToString());
        return sourceId;
    }

    private string WriteRecipe(string stem, string sourceId) => fixture.WriteData($"{stem}.recipe.json",
        $$$$"""{"version":1,"layers":{"points":{"source":"mapbox://tileset-source/{{{{ToolFixture.Username}}}}/{{{{sourceId}}}}","minzoom":0,"maxzoom":5}}}""");
}
