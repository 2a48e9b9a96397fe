using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Build.Tests.Infrastructure;
using Mapbox.Uploads.Emulator;
using TaskItem = Microsoft.Build.Utilities.TaskItem;

namespace Mapbox.Uploads.Build.Tests;

/// <summary>
/// The task pipeline against the in-process emulator: typed scope failures, stamps keyed by item and holding every
/// input, the remembered unwaited upload, cancellation during the checks, a token pasted into a property.
/// </summary>
public sealed class TaskPipelineTests : IAsyncLifetime, IDisposable
{
    private readonly TaskHarness _harness = new();
    private EmulatorServer _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromMilliseconds(300), RateLimitPerMinute = 0 });
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = _emulator.MintToken("cityworks");
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    public void Dispose() => _harness.Dispose();

    private string Api => _emulator.BaseUrl.ToString();

    /// <summary>Lets processing finish on the service, as time between two builds would.</summary>
    private async Task WaitOnTheServiceAsync(string uploadId)
    {
        using var client = new UploadsClient(MapboxAccessToken.Parse(_harness.Environment["MAPBOX_ACCESS_TOKEN"]!), new UploadsClientOptions { ApiBaseUrl = _emulator.BaseUrl, PollInterval = TimeSpan.FromMilliseconds(50) });
        Assert.True((await client.WaitForCompletionAsync(uploadId, TimeSpan.FromSeconds(30))).Succeeded);
    }

    [Fact]
    public void A_token_without_uploads_read_fails_the_wait_naming_exactly_that_scope()
    {
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = _emulator.MintToken("cityworks", "uploads:write", "uploads:list");
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads");

        var (succeeded, engine, _) = _harness.Run(Api);

        Assert.False(succeeded);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("MBX1005", error.Code);
        Assert.Contains("the token lacks uploads:read, which status needs", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("needs uploads:write", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_token_without_uploads_list_still_uploads_and_waits_for_several_tilesets_through_status_reads()
    {
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = _emulator.MintToken("cityworks", "uploads:write", "uploads:read");
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Write("stops.csv", SampleData.StopsCsv);
        _harness.Item("roads.geojson", "roads").Item("stops.csv", "stops");

        var (succeeded, engine, task) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        Assert.Equal(2, task.Results.Length);
        Assert.All(task.Results, r => Assert.Equal("Succeeded", r.GetMetadata("Status")));
        Assert.Contains(_emulator.Requests, r => r.Route == EmulatorRoute.Status);
    }

    [Fact]
    public void One_file_in_two_tilesets_keeps_two_stamps_and_a_rebuild_skips_both()
    {
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads-public").Item("roads.geojson", "roads-internal");
        Assert.True(_harness.Run(Api).Succeeded);
        Assert.Equal(2, Directory.GetFiles(_harness.StampDirectory, "*.json").Length);
        _emulator.ClearRequests();

        var (succeeded, engine, task) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        Assert.Equal(2, task.Results.Length);
        Assert.All(task.Results, r => Assert.Equal("Skipped", r.GetMetadata("Status")));
        Assert.Empty(_emulator.Requests);
    }

    [Theory]
    [InlineData("Name", "City roads", "Roads of the city")]
    [InlineData("Patch", "false", "true")]
    [InlineData("BypassValidation", "false", "true")]
    public void Changing_a_request_parameter_alone_uploads_again(string metadata, string before, string after)
    {
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads", (metadata, before));
        Assert.True(_harness.Run(Api).Succeeded);
        _emulator.ClearRequests();
        _harness.Configure = task => task.Tilesets.Single().SetMetadata(metadata, after);

        var (succeeded, engine, task) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        Assert.Equal("Succeeded", TaskHarness.Metadata(task, "roads.geojson", "Status"));
        Assert.Single(_emulator.Requests, r => r.Route == EmulatorRoute.Create);
        Assert.Contains(engine.MessagesAt(Microsoft.Build.Framework.MessageImportance.Low), m => m.Contains($"changed {char.ToLowerInvariant(metadata[0])}{metadata.Substring(1)}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pointing_MapboxApiUrl_at_another_service_uploads_there_again()
    {
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads");
        Assert.True(_harness.Run(Api).Succeeded);
        await using var other = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromMilliseconds(300), RateLimitPerMinute = 0 });
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = other.MintToken("cityworks");

        var (succeeded, engine, task) = _harness.Run(other.BaseUrl.ToString());

        Assert.True(succeeded, engine.AllText);
        Assert.Equal("Succeeded", TaskHarness.Metadata(task, "roads.geojson", "Status"));
        Assert.Single(other.Requests, r => r.Route == EmulatorRoute.Create);
    }

    [Fact]
    public async Task After_Wait_false_the_next_build_asks_once_and_a_succeeded_upload_is_up_to_date()
    {
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads");
        _harness.Configure = task => task.Wait = false;
        var first = _harness.Run(Api).Task;
        Assert.Equal("Created", TaskHarness.Metadata(first, "roads.geojson", "Status"));
        await WaitOnTheServiceAsync(TaskHarness.Metadata(first, "roads.geojson", "UploadId"));
        _emulator.ClearRequests();

        var (succeeded, engine, task) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        Assert.Equal("Skipped", TaskHarness.Metadata(task, "roads.geojson", "Status"));
        Assert.Equal(TaskHarness.Metadata(first, "roads.geojson", "UploadId"), TaskHarness.Metadata(task, "roads.geojson", "UploadId"));
        var request = Assert.Single(_emulator.Requests);
        Assert.Equal(EmulatorRoute.Status, request.Route);
    }

    [Fact]
    public void After_Wait_false_a_build_that_waits_waits_for_the_same_upload_instead_of_uploading_again()
    {
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads");
        _harness.Configure = task => task.Wait = false;
        var first = _harness.Run(Api).Task;
        _emulator.ClearRequests();
        _harness.Configure = null;

        var (succeeded, engine, task) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        Assert.Equal("Succeeded", TaskHarness.Metadata(task, "roads.geojson", "Status"));
        Assert.Equal(TaskHarness.Metadata(first, "roads.geojson", "UploadId"), TaskHarness.Metadata(task, "roads.geojson", "UploadId"));
        Assert.DoesNotContain(_emulator.Requests, r => r.Route == EmulatorRoute.Create);
    }

    [Fact]
    public void Cancelled_during_the_checks_is_MBX7002_and_sends_nothing()
    {
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads");
        var task = _harness.Create(Api);
        task.Cancel();

        var succeeded = task.Execute();

        var engine = (FakeBuildEngine)task.BuildEngine;
        Assert.False(succeeded);
        Assert.Equal(["MBX7002"], engine.ErrorCodes);
        Assert.Empty(_emulator.Requests);
    }

    [Fact]
    public void A_token_in_a_property_warns_without_echoing_it()
    {
        var pasted = _emulator.MintToken("cityworks");
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads");
        _harness.Configure = task =>
        {
            var property = new TaskItem("MapboxAccessToken");
            property.SetMetadata("Value", pasted);
            task.Properties = [property];
        };

        var (succeeded, engine, _) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("MBX1006", warning.Code);
        Assert.Contains("MapboxAccessToken", warning.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(pasted, engine.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(pasted.Split('.')[1], engine.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_manifest_and_the_stamp_are_one_record_with_every_input()
    {
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads", ("Name", "City roads"));

        Assert.True(_harness.Run(Api).Succeeded);

        using var stamp = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(_harness.StampDirectory).Single()));
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_harness.ManifestPath));
        var record = manifest.RootElement.GetProperty("tilesets")[0];
        foreach (var name in new[] { "file", "tileset", "account", "apiUrl", "contentHash", "length", "lastWriteUtc", "uploadId", "status" })
        {
            Assert.Equal(record.GetProperty(name).ToString(), stamp.RootElement.GetProperty(name).ToString());
        }

        Assert.Equal("City roads", stamp.RootElement.GetProperty("parameters").GetProperty("name").GetString());
        Assert.Equal("cityworks", stamp.RootElement.GetProperty("account").GetString());
    }

    [Theory]
    [InlineData("""{"type":"FeatureCollection","features":[]}""")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":null}]}""")]
    public void Data_that_would_empty_the_tileset_warns_MBX3009_naming_file_and_tileset_unless_the_item_allows_it(string geoJson)
    {
        var roads = _harness.Write("roads.geojson", geoJson);
        _harness.Item("roads.geojson", "roads");
        _harness.Configure = task => task.DryRun = true;

        var (succeeded, engine, _) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("MBX3009", warning.Code);
        Assert.Equal(roads, warning.File);
        Assert.Contains("cityworks.roads", warning.Message, StringComparison.Ordinal);

        _harness.Configure = task =>
        {
            task.DryRun = true;
            task.Tilesets.Single().SetMetadata("AllowEmpty", "true");
        };
        (succeeded, engine, _) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        Assert.Empty(engine.Warnings);
    }

    [Fact]
    public void Data_with_a_geometry_does_not_warn()
    {
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads");
        _harness.Configure = task => task.DryRun = true;

        var (succeeded, engine, _) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        Assert.Empty(engine.Warnings);
    }

    [Fact]
    public void An_old_unchanged_file_is_up_to_date_without_being_read_and_AlwaysHash_reads_it()
    {
        var roads = _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        File.SetLastWriteTimeUtc(roads, DateTime.UtcNow.AddHours(-1));
        _harness.Item("roads.geojson", "roads");
        Assert.True(_harness.Run(Api).Succeeded);
        _emulator.ClearRequests();

        var (succeeded, engine, task) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        Assert.Equal("Skipped", TaskHarness.Metadata(task, "roads.geojson", "Status"));
        Assert.DoesNotContain(engine.Messages, m => m.Message!.Contains("checks passed", StringComparison.Ordinal));

        // Same length, same time, other bytes: only reading can tell, which is what AlwaysHash is for.
        var recorded = File.GetLastWriteTimeUtc(roads);
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson.Replace("Main St", "High St"));
        File.SetLastWriteTimeUtc(roads, recorded);
        var (_, stale, _) = _harness.Run(Api);
        Assert.DoesNotContain(stale.Messages, m => m.Message!.Contains("checks passed", StringComparison.Ordinal));
        _harness.Configure = t => t.AlwaysHash = true;

        (succeeded, engine, task) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        Assert.Contains(engine.Messages, m => m.Message!.Contains("checks passed", StringComparison.Ordinal));
        Assert.Equal("Succeeded", TaskHarness.Metadata(task, "roads.geojson", "Status"));
    }

    [Fact]
    public void A_file_written_just_before_its_stamp_is_read_again()
    {
        var roads = _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads");
        Assert.True(_harness.Run(Api).Succeeded);
        var stamp = Directory.GetFiles(_harness.StampDirectory).Single();
        File.SetLastWriteTimeUtc(stamp, File.GetLastWriteTimeUtc(roads).Add(StampStore.TimestampGranularity));

        var (succeeded, engine, task) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        Assert.Equal("Skipped", TaskHarness.Metadata(task, "roads.geojson", "Status"));
        Assert.Contains(engine.Messages, m => m.Message!.Contains("checks passed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stamp_of_the_first_release_proves_nothing_and_the_item_goes_up_again()
    {
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads");
        Assert.True(_harness.Run(Api).Succeeded);
        var stamp = Directory.GetFiles(_harness.StampDirectory).Single();
        using (var current = System.Text.Json.JsonDocument.Parse(File.ReadAllText(stamp)))
        {
            var root = current.RootElement;
            var firstRelease = new { file = root.GetProperty("file").GetString(), contentHash = root.GetProperty("contentHash").GetString(), tileset = "cityworks.roads", uploadId = root.GetProperty("uploadId").GetString(), status = "Succeeded" };
            File.WriteAllText(stamp, System.Text.Json.JsonSerializer.Serialize(firstRelease));
        }

        _emulator.ClearRequests();
        var (succeeded, engine, task) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        Assert.Equal("Succeeded", TaskHarness.Metadata(task, "roads.geojson", "Status"));
        Assert.Single(_emulator.Requests, r => r.Route == EmulatorRoute.Create);
    }
}
