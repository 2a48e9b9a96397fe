using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Mapbox.Uploads.Tool.Tests.Infrastructure;

namespace Mapbox.Uploads.Tool.Tests;

[Collection(ToolCollection.Name)]
public sealed class UploadCommandTests(ToolFixture fixture)
{
    [Fact]
    public async Task Upload_checks_stages_creates_and_waits_and_its_json_is_the_finished_upload_with_the_exact_bytes_staged()
    {
        var file = fixture.WriteData("roads.geojson", Samples.ValidGeoJson);
        var mapId = Samples.UniqueMapId("roads");

        var run = await fixture.RunAsync("upload", file, mapId, "--name", "City roads", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var upload = run.Json();
        Assert.Equal($"{ToolFixture.Username}.{mapId}", upload.GetProperty("tileset").GetString());
        Assert.Equal("City roads", upload.GetProperty("name").GetString());
        Assert.True(upload.GetProperty("complete").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, upload.GetProperty("error").ValueKind);
        var staged = fixture.Emulator.IssuedCredentials.Last();
        Assert.True(fixture.Emulator.TryGetStagedObject(staged.Bucket, staged.Key, out var content));
        Assert.Equal(await File.ReadAllBytesAsync(file), content);
    }

    [Fact]
    public async Task Upload_dry_run_checks_the_file_and_prints_the_builds_estimate_with_nothing_sent()
    {
        var file = fixture.WriteData("dry.geojson", Samples.ValidGeoJson);
        var mapId = Samples.UniqueMapId("dry");
        var credentials = fixture.Emulator.IssuedCredentials.Count;

        var run = await fixture.RunAsync("upload", file, mapId, "--dry-run");
        var json = await fixture.RunAsync("upload", file, mapId, "--dry-run", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        var megabytes = (new FileInfo(file).Length / 1e6).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture) + " MB";
        Assert.Equal(
            [
                $"Mapbox: this command would have {megabytes} processed for 1 of 1 tileset(s):",
                $"  {ToolFixture.Username}.{mapId}: {megabytes} of file {file} (requested); an Uploads API upload records no cost",
                "Dry run: nothing was sent for processing.",
            ],
            run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')));
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Equal(new FileInfo(file).Length, json.Json().GetProperty("processedBytes").GetInt64());
        Assert.Equal(credentials, fixture.Emulator.IssuedCredentials.Count);
    }

    [Fact]
    public async Task Upload_in_text_prints_one_result_line_on_stdout_and_plain_progress_lines_on_stderr_when_it_is_not_a_terminal()
    {
        var file = fixture.WriteData("stops.geojson", Samples.ValidGeoJson);
        var mapId = Samples.UniqueMapId("stops");

        var run = await fixture.RunAsync("upload", file, mapId);

        Assert.True(run.ExitCode == 0, run.ToString());
        var line = Assert.Single(run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Matches($@"^{Regex.Escape(file)} -> {ToolFixture.Username}\.{mapId}: upload [a-z0-9]{{25}} complete\r?$", line);
        Assert.Contains("staging: 100%", run.StandardError);
        Assert.Contains($"processing {ToolFixture.Username}.{mapId}: 100%", run.StandardError);
        Assert.DoesNotContain("\r", run.StandardError.Replace("\r\n", "\n"));
    }

    [Fact]
    public async Task A_failed_processing_exits_1_with_the_tasks_code_the_file_and_the_services_message()
    {
        var file = fixture.WriteData("broken.geojson", Samples.ValidGeoJson);
        var mapId = Samples.UniqueMapId("broken");
        fixture.Emulator.Processing.FailTileset($"{ToolFixture.Username}.{mapId}", "Tile exceeds maximum size of 500k at z14.");

        var run = await fixture.RunAsync("upload", file, mapId);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"{file}: error MBX6001: Processing failed: {ToolFixture.Username}.{mapId}, upload ", run.StandardError);
        Assert.Contains("Tile exceeds maximum size of 500k at z14.", run.StandardError);
        Assert.Contains("failed: Tile exceeds maximum size of 500k at z14.", run.StandardOutput);
    }

    [Fact]
    public async Task An_invalid_file_exits_1_with_its_position_and_code_and_sends_nothing()
    {
        var file = fixture.WriteData("bad-latitude.geojson", Samples.GeoJsonWithBadLatitude);
        var requestsBefore = fixture.Emulator.Requests.Count;

        var run = await fixture.RunAsync("upload", file, Samples.UniqueMapId("bad"));

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Matches($@"{Regex.Escape(file)}\(1,\d+\): error MBX3010: Invalid GeoJSON: Latitude 200", run.StandardError);
        Assert.Equal(requestsBefore, fixture.Emulator.Requests.Count);
    }

    [Fact]
    public async Task Upload_no_wait_returns_the_created_upload_still_processing()
    {
        var file = fixture.WriteData("later.geojson", Samples.ValidGeoJson);

        var run = await fixture.RunAsync("upload", file, Samples.UniqueMapId("later"), "--no-wait", "--json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.False(run.Json().GetProperty("complete").GetBoolean());
    }
}
