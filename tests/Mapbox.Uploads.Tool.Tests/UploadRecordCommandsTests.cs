using System;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Tool.Tests.Infrastructure;

namespace Mapbox.Uploads.Tool.Tests;

/// <summary>status, wait, list and delete, each on uploads the tool made.</summary>
[Collection(ToolCollection.Name)]
public sealed class UploadRecordCommandsTests(ToolFixture fixture)
{
    [Fact]
    public async Task Wait_waits_for_every_upload_given_and_reports_each_as_json()
    {
        var first = await CreateAsync("wait-a", wait: false);
        var second = await CreateAsync("wait-b", wait: false);

        var run = await fixture.RunAsync("wait", first, second, "--timeout", "60", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var results = run.Json().EnumerateArray().ToList();
        Assert.Equal([first, second], results.Select(result => result.GetProperty("uploadId").GetString()));
        Assert.All(results, result => Assert.True(result.GetProperty("succeeded").GetBoolean()));
        Assert.All(results, result => Assert.True(result.GetProperty("upload").GetProperty("complete").GetBoolean()));
    }

    [Fact]
    public async Task Wait_exits_1_with_the_processing_failure_coded()
    {
        var mapId = Samples.UniqueMapId("wait-fail");
        fixture.Emulator.Processing.FailTileset($"{ToolFixture.Username}.{mapId}", "Unknown filetype");
        var id = await CreateAsync(mapId, wait: false, uniqueId: false);

        var run = await fixture.RunAsync("wait", id);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"error MBX6001: Processing failed: {ToolFixture.Username}.{mapId}, upload {id}: Unknown filetype", run.StandardError);
    }

    [Fact]
    public async Task Status_shows_one_upload_as_text_and_as_json()
    {
        var id = await CreateAsync("status", wait: true);

        var text = await fixture.RunAsync("status", id);
        var json = await fixture.RunAsync("status", id, "--json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains($"upload    {id}", text.StandardOutput);
        Assert.Contains("state     complete", text.StandardOutput);
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal(id, json.Json().GetProperty("id").GetString());
        Assert.True(json.Json().GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task List_shows_the_newest_first_bounded_by_max_and_oldest_first_with_reverse()
    {
        await CreateAsync("list-older", wait: true);
        var newest = await CreateAsync("list", wait: true);

        var newestFirst = await fixture.RunAsync("list", "--max", "1", "--json");
        var oldestFirst = await fixture.RunAsync("list", "--reverse", "--max", "2");

        Assert.True(newestFirst.ExitCode == 0, newestFirst.ToString());
        Assert.Equal(newest, Assert.Single(newestFirst.Json().EnumerateArray()).GetProperty("id").GetString());
        Assert.True(oldestFirst.ExitCode == 0, oldestFirst.ToString());
        var lines = oldestFirst.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("ID ", lines[0]);
        Assert.DoesNotContain(newest, lines[1]);
    }

    [Fact]
    public async Task Delete_removes_the_record_and_a_later_status_read_fails_with_the_api_code()
    {
        var id = await CreateAsync("delete", wait: true);

        var delete = await fixture.RunAsync("delete", id);
        var status = await fixture.RunAsync("status", id);

        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Equal($"deleted {id}", delete.StandardOutput.Trim());
        Assert.True(status.ExitCode == 1, status.ToString());
        Assert.Contains("error MBX4001: Mapbox API error: Mapbox found no such upload or tileset on status", status.StandardError);
    }

    [Fact]
    public async Task Delete_reports_each_refusal_coded_in_its_json_and_deletes_the_others()
    {
        var refused = await CreateAsync("delete-refused", wait: true);
        var deleted = await CreateAsync("delete-ok", wait: true);
        fixture.Emulator.Faults.FailNext(EmulatorRoute.Delete, statusCode: 422);

        var run = await fixture.RunAsync("delete", refused, deleted, "--json");

        Assert.True(run.ExitCode == 1, run.ToString());
        var outcomes = run.Json().EnumerateArray().ToList();
        Assert.Equal([refused, deleted], outcomes.Select(outcome => outcome.GetProperty("uploadId").GetString()));
        Assert.False(outcomes[0].GetProperty("deleted").GetBoolean());
        Assert.Equal("MBX4001", outcomes[0].GetProperty("code").GetString());
        Assert.True(outcomes[1].GetProperty("deleted").GetBoolean());
        Assert.Contains($"error MBX4001: Mapbox API error: upload {refused}: Mapbox refused the request on delete", run.StandardError);
    }

    private async Task<string> CreateAsync(string stem, bool wait, bool uniqueId = true)
    {
        var file = fixture.WriteData($"{stem}.geojson", Samples.ValidGeoJson);
        var run = await fixture.RunAsync(["upload", file, uniqueId ? Samples.UniqueMapId(stem) : stem, "--json", .. wait ? Array.Empty<string>() : ["--no-wait"]], whileRunning: null);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.Json().GetProperty("id").GetString()!;
    }
}
