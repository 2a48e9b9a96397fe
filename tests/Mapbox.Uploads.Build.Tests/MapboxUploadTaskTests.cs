using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Mapbox.Uploads.Build.Tests.Infrastructure;
using Mapbox.Uploads.Emulator;
using Microsoft.Build.Framework;

namespace Mapbox.Uploads.Build.Tests;

/// <summary>Ring 1: the task with a fake engine against the in-process emulator.</summary>
public sealed class MapboxUploadTaskTests : IAsyncLifetime, IDisposable
{
    private readonly TaskHarness _harness = new();
    private EmulatorServer _emulator = null!;
    private string _token = string.Empty;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromMilliseconds(300), RateLimitPerMinute = 0 });
        _token = _emulator.MintToken("cityworks");
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = _token;
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    public void Dispose() => _harness.Dispose();

    private string Api => _emulator.BaseUrl.ToString();

    [Fact]
    public void Two_tilesets_are_uploaded_processed_and_reported()
    {
        _harness.Write("data/roads.geojson", SampleData.RoadsGeoJson);
        _harness.Write("data/stops.csv", SampleData.StopsCsv);
        _harness.Item("data/roads.geojson", "roads", ("Name", "City roads")).Item("data/stops.csv", "cityworks.stops");

        var (succeeded, engine, task) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        Assert.Empty(engine.Errors);
        Assert.Equal(["cityworks.roads", "cityworks.stops"], task.Results.Select(r => r.GetMetadata("TilesetId")).Order());
        Assert.All(task.Results, r => Assert.Equal("Succeeded", r.GetMetadata("Status")));
        Assert.All(task.Results, r => Assert.Equal("false", r.GetMetadata("Skipped")));
        Assert.All(task.Results, r => Assert.Matches("^[a-z0-9]{25}$", r.GetMetadata("UploadId")));
        Assert.Equal(2, _emulator.Requests.Count(r => r.Route == EmulatorRoute.Create));
        Assert.Equal(2, _emulator.Requests.Count(r => r.Route == EmulatorRoute.Credentials));

        var high = engine.MessagesAt(MessageImportance.High).ToList();
        Assert.Equal(2, high.Count(m => m.Contains("uploading", StringComparison.Ordinal)));
        foreach (var result in task.Results)
        {
            Assert.Single(high, m => m.Contains($"{result.GetMetadata("TilesetId")} succeeded", StringComparison.Ordinal)
                && m.Contains(result.GetMetadata("UploadId"), StringComparison.Ordinal));
        }

        Assert.Contains(engine.MessagesAt(MessageImportance.Low), m => m.StartsWith("Mapbox HTTP: POST", StringComparison.Ordinal));
        Assert.DoesNotContain(_token, engine.AllText, StringComparison.Ordinal);

        using var manifest = JsonDocument.Parse(File.ReadAllText(_harness.ManifestPath));
        var records = manifest.RootElement.GetProperty("tilesets").EnumerateArray().ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal("Succeeded", r.GetProperty("status").GetString()));
        Assert.DoesNotContain(_token, File.ReadAllText(_harness.ManifestPath), StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(_harness.StampDirectory, "*.json").Length);
        Assert.Equal(3, task.WrittenFiles.Length);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    public void Log_lines_format_numbers_invariantly_whatever_the_machine_culture(string culture)
    {
        _harness.Write("data/roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("data/roads.geojson", "roads");
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            var (succeeded, engine, _) = _harness.Run(Api);

            Assert.True(succeeded, engine.AllText);
            Assert.Single(engine.MessagesAt(MessageImportance.High), m => Regex.IsMatch(m, @"cityworks\.roads succeeded \(.*, \d+\.\d s\), processed 0\.\d+ MB\.$"));
            Assert.Contains(engine.MessagesAt(MessageImportance.Normal), m => m.Contains("bytes (100%).", StringComparison.Ordinal));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(3, true)]
    public void MaxParallel_bounds_how_many_tilesets_stage_at_once_and_processing_is_waited_for_together(int maxParallel, bool overlapping)
    {
        foreach (var name in new[] { "a", "b", "c" })
        {
            _harness.Write($"{name}.geojson", SampleData.RoadsGeoJson);
            _harness.Item($"{name}.geojson", name);
        }

        _harness.Configure = task => task.MaxParallel = maxParallel.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (succeeded, engine, _) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        var lines = engine.Messages.Select(m => m.Message ?? string.Empty)
            .Where(m => m.Contains(" uploading ", StringComparison.Ordinal) || m.Contains(" is processing.", StringComparison.Ordinal) || m.Contains(" succeeded (", StringComparison.Ordinal))
            .ToList();
        var lastStart = lines.FindLastIndex(m => m.Contains(" uploading ", StringComparison.Ordinal));
        var firstCreated = lines.FindIndex(m => m.Contains(" is processing.", StringComparison.Ordinal));
        var lastCreated = lines.FindLastIndex(m => m.Contains(" is processing.", StringComparison.Ordinal));
        var firstEnd = lines.FindIndex(m => m.Contains(" succeeded (", StringComparison.Ordinal));
        Assert.Equal(overlapping, lastStart < firstCreated);
        if (!overlapping)
        {
            Assert.All(Enumerable.Range(0, 3), i =>
            {
                Assert.Contains(" uploading ", lines[2 * i], StringComparison.Ordinal);
                Assert.Contains(" is processing.", lines[(2 * i) + 1], StringComparison.Ordinal);
            });
        }

        // The slot is not held while processing: every tileset is created before the shared wait reports any result.
        Assert.True(lastCreated < firstEnd, string.Join("\n", lines));
    }

    [Fact]
    public void The_inputs_are_echoed_once_for_the_binary_log()
    {
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads", ("Name", "Roads"));
        _harness.Configure = task => task.DryRun = true;

        var (_, engine, _) = _harness.Run(Api);

        Assert.Single(engine.MessagesAt(MessageImportance.Normal), m => m.Contains("MapboxUploadDryRun=True", StringComparison.Ordinal)
            && m.Contains("MapboxUploadMaxParallel=4", StringComparison.Ordinal) && m.Contains("MapboxUploadTimeout=30", StringComparison.Ordinal));
        Assert.Single(engine.MessagesAt(MessageImportance.Low), m => m.Contains("MapId=roads", StringComparison.Ordinal) && m.Contains("Name=Roads", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unchanged_file_is_skipped_without_a_request_and_a_changed_one_goes_up_again()
    {
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Write("stops.csv", SampleData.StopsCsv);
        _harness.Item("roads.geojson", "roads").Item("stops.csv", "stops");
        Assert.True(_harness.Run(Api).Succeeded);
        _emulator.ClearRequests();

        var (succeeded, engine, task) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        Assert.Empty(_emulator.Requests);
        Assert.Equal(["roads.geojson", "stops.csv"], task.Results.Select(r => Path.GetFileName(r.ItemSpec)).Order(StringComparer.Ordinal));
        Assert.All(task.Results, r => Assert.Equal("Skipped", r.GetMetadata("Status")));
        Assert.All(task.Results, r => Assert.Equal("true", r.GetMetadata("Skipped")));
        Assert.All(task.Results, r => Assert.NotEmpty(r.GetMetadata("UploadId")));

        _harness.Write("stops.csv", SampleData.StopsCsv + "Airport,52.3667,13.5033\n");
        (succeeded, engine, task) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        Assert.Equal("Skipped", TaskHarness.Metadata(task, "roads.geojson", "Status"));
        Assert.Equal("Succeeded", TaskHarness.Metadata(task, "stops.csv", "Status"));
        Assert.Single(_emulator.Requests, r => r.Route == EmulatorRoute.Create);
        Assert.NotEqual(TaskHarness.Metadata(task, "roads.geojson", "UploadId"), TaskHarness.Metadata(task, "stops.csv", "UploadId"));
    }

    [Fact]
    public void A_stamp_that_cannot_be_written_warns_with_the_upload_id_and_the_upload_still_counts()
    {
        _harness.Write("data/roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("data/roads.geojson", "roads");
        // A file where the stamp directory should be: creating the directory fails as a locked obj/ would.
        var blocker = _harness.Write("blocked", "not a directory");
        _harness.Configure = task => task.StampDirectory = Path.Combine(blocker, "mapbox-uploads");

        var (succeeded, engine, task) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        var result = Assert.Single(task.Results);
        Assert.Equal("Succeeded", result.GetMetadata("Status"));
        var warning = Assert.Single(engine.Warnings);
        Assert.Equal("MBX8001", warning.Code);
        Assert.Contains(result.GetMetadata("UploadId"), warning.Message, StringComparison.Ordinal);
        Assert.Contains("cityworks.roads", warning.Message, StringComparison.Ordinal);
        Assert.EndsWith("roads.geojson", warning.File, StringComparison.Ordinal);
        Assert.Single(engine.MessagesAt(MessageImportance.High), m => m.Contains("cityworks.roads succeeded", StringComparison.Ordinal));
    }

    [Fact]
    public void Force_uploads_an_unchanged_file_again()
    {
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads");
        var first = _harness.Run(Api).Task;
        _emulator.ClearRequests();
        _harness.Configure = task => task.Force = true;

        var (succeeded, _, task) = _harness.Run(Api);

        Assert.True(succeeded);
        Assert.Equal("Succeeded", TaskHarness.Metadata(task, "roads.geojson", "Status"));
        Assert.NotEqual(TaskHarness.Metadata(first, "roads.geojson", "UploadId"), TaskHarness.Metadata(task, "roads.geojson", "UploadId"));
        Assert.Single(_emulator.Requests, r => r.Route == EmulatorRoute.Create);
    }

    [Fact]
    public void A_processing_error_fails_with_MBX6001_naming_the_service_message_upload_and_file()
    {
        var roads = _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads");
        // Braces check that the message is never used as a format string.
        _emulator.Processing.FailTileset("cityworks.roads", "Tileset exceeds processing limit. {0} {layers: 3}");

        var (succeeded, engine, task) = _harness.Run(Api);

        Assert.False(succeeded);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("MBX6001", error.Code);
        Assert.Equal(roads, error.File);
        var uploadId = TaskHarness.Metadata(task, "roads.geojson", "UploadId");
        Assert.Contains("Tileset exceeds processing limit. {0} {layers: 3}", error.Message, StringComparison.Ordinal);
        Assert.Contains(uploadId, error.Message, StringComparison.Ordinal);
        Assert.Contains("cityworks.roads", error.Message, StringComparison.Ordinal);
        Assert.Equal("Failed", TaskHarness.Metadata(task, "roads.geojson", "Status"));

        _emulator.Processing.Clear();
        _emulator.ClearRequests();
        Assert.True(_harness.Run(Api).Succeeded);
        Assert.Single(_emulator.Requests, r => r.Route == EmulatorRoute.Create);
    }

    public enum Outcome
    {
        TokenWithoutUploadScope,
        TokenUnknownToService,
        CredentialsAlwaysUnavailable,
        StagingAlwaysFails,
        ProcessingOutlastsTimeout,
    }

    [Theory]
    [InlineData(Outcome.TokenWithoutUploadScope, "MBX1005")]
    [InlineData(Outcome.TokenUnknownToService, "MBX1004")]
    [InlineData(Outcome.CredentialsAlwaysUnavailable, "MBX4002")]
    [InlineData(Outcome.StagingAlwaysFails, "MBX5001")]
    [InlineData(Outcome.ProcessingOutlastsTimeout, "MBX7001")]
    public async Task Each_API_outcome_has_its_own_code_and_never_shows_the_token(Outcome outcome, string code)
    {
        var roads = _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads");
        var token = _token;
        switch (outcome)
        {
            case Outcome.TokenWithoutUploadScope:
                token = _emulator.MintToken("cityworks", "uploads:read", "uploads:list");
                break;
            case Outcome.TokenUnknownToService:
                token = _emulator.MintToken("cityworks");
                _emulator.RevokeToken(token);
                break;
            case Outcome.CredentialsAlwaysUnavailable:
                _emulator.Faults.FailNext(EmulatorRoute.Credentials, times: 100, statusCode: 503);
                break;
            case Outcome.StagingAlwaysFails:
                _emulator.Faults.FailNext(EmulatorRoute.S3, times: 100, statusCode: 500);
                break;
            case Outcome.ProcessingOutlastsTimeout:
                await _emulator.DisposeAsync();
                _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromMinutes(5), RateLimitPerMinute = 0 });
                token = _emulator.MintToken("cityworks");
                _harness.Configure = task => task.Timeout = "1";
                break;
        }

        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = token;

        var (succeeded, engine, task) = _harness.Run(Api);

        Assert.False(succeeded);
        var error = Assert.Single(engine.Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal(roads, error.File);
        Assert.Contains("cityworks.roads", error.Message, StringComparison.Ordinal);
        Assert.Equal("Failed", TaskHarness.Metadata(task, "roads.geojson", "Status"));
        Assert.DoesNotContain(token, engine.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_waiting_the_upload_is_created_and_not_polled()
    {
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads");
        _harness.Configure = task => task.Wait = false;

        var (succeeded, engine, task) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        Assert.Equal("Created", TaskHarness.Metadata(task, "roads.geojson", "Status"));
        Assert.DoesNotContain(_emulator.Requests, r => r.Route == EmulatorRoute.Status);
    }

    [Fact]
    public void A_dry_run_checks_everything_and_sends_nothing()
    {
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads");
        _harness.Configure = task => task.DryRun = true;

        var (succeeded, engine, task) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        Assert.Equal("Validated", TaskHarness.Metadata(task, "roads.geojson", "Status"));
        Assert.Empty(_emulator.Requests);
    }

    [Fact]
    public async Task Cancel_stops_the_wait_promptly_with_MBX7002()
    {
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads");
        _emulator.Faults.DelayNext(EmulatorRoute.Status, TimeSpan.FromSeconds(20), times: null);
        var task = _harness.Create(Api);

        var run = Task.Run(task.Execute);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!_emulator.Requests.Any(r => r.Route == EmulatorRoute.Create) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        // Otherwise the cancel would come before the wait it is meant to stop.
        Assert.True(_emulator.Requests.Any(r => r.Route == EmulatorRoute.Create), "no create within 20 s:\n" + ((FakeBuildEngine)task.BuildEngine).AllText);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        task.Cancel();
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.Same(run, finished);
        Assert.False(await run);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        var engine = (FakeBuildEngine)task.BuildEngine;
        Assert.Equal(["MBX7002"], engine.ErrorCodes);
    }
}
