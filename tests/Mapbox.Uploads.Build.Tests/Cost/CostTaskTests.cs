using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Mapbox.Uploads.Build.Tests.Infrastructure;
using Mapbox.Uploads.Emulator;
using Microsoft.Build.Framework;
using TaskItem = Microsoft.Build.Utilities.TaskItem;

namespace Mapbox.Uploads.Build.Tests.Cost;

/// <summary>
/// The estimate, the budget and the reported figures through the task against the in-process emulator, for one
/// Uploads tileset and one Tiling Service tileset in the same build.
/// </summary>
public sealed class CostTaskTests : IAsyncLifetime, IDisposable
{
    private const string Account = "lindenau";
    private const string Feature = "{\"type\":\"Feature\",\"properties\":{\"name\":\"Karl-Heine-Strasse\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[12.33,51.33],[12.34,51.335]]}}";
    private readonly TaskHarness _harness = new();
    private EmulatorServer _emulator = null!;
    private string? _budget;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            ProcessingTime = TimeSpan.FromMilliseconds(100),
            TilesetProcessingTime = TimeSpan.FromMilliseconds(100),
            TilesetPublishesPerMinute = 0,
            RateLimitPerMinute = 0,
        });
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = _emulator.MintToken(Account, ["uploads:write", "uploads:read", "uploads:list", .. EmulatorServer.TilesetScopes]);
        _harness.Write("data/stops.csv", SampleData.StopsCsv);
        _harness.Item("data/stops.csv", "stops");
        _harness.Write("data/roads.ldgeojson", Feature + "\n" + Feature.Replace("Karl", "Carl", StringComparison.Ordinal));
        _harness.Write("data/roads-extra.ldgeojson", Feature + "\n");
        _harness.Write("recipes/roads.json", "{\"version\":1,\"layers\":{\"roads\":{\"source\":\"mapbox://tileset-source/" + Account + "/roads\",\"minzoom\":0,\"maxzoom\":10}}}");
        _harness.Configure = task =>
        {
            task.Sources = [Source("data/roads.ldgeojson"), Source("data/roads-extra.ldgeojson")];
            task.Recipes = [Recipe()];
            task.MaxProcessedMegabytes = _budget;
            task.ConfigureTilesetsClient = options =>
            {
                options.PollInterval = TimeSpan.FromMilliseconds(50);
                options.MaxPollInterval = TimeSpan.FromMilliseconds(200);
                options.PaceRequests = false;
            };
        };
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    public void Dispose() => _harness.Dispose();

    private string Api => _emulator.BaseUrl.ToString();

    private long StopsBytes => new FileInfo(Path.Combine(_harness.Directory, "data/stops.csv")).Length;

    /// <summary>The roads source as the emulator will hold it: the first file gains its missing final newline.</summary>
    private long RoadsBytes => new FileInfo(Path.Combine(_harness.Directory, "data/roads.ldgeojson")).Length + 1
        + new FileInfo(Path.Combine(_harness.Directory, "data/roads-extra.ldgeojson")).Length;

    [Fact]
    public void Over_the_budget_nothing_is_sent_even_forced_and_a_bad_budget_is_MBX1020()
    {
        _budget = "0.0001";
        var (succeeded, engine, _) = _harness.Run(Api);

        Assert.False(succeeded);
        var error = Assert.Single(engine.Errors);
        Assert.Equal("MBX2020", error.Code);
        Assert.Contains(ProcessingEstimate.Format(StopsBytes + RoadsBytes) + " processed", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message!.IndexOf("lindenau.roads", StringComparison.Ordinal) < error.Message.IndexOf("lindenau.stops", StringComparison.Ordinal), error.Message);
        Assert.Contains("(new)", error.Message, StringComparison.Ordinal);
        Assert.Empty(_emulator.Requests);

        var forced = _harness.Create(Api);
        forced.Force = true;
        Assert.False(forced.Execute());
        Assert.Equal(["MBX2020"], ((FakeBuildEngine)forced.BuildEngine!).ErrorCodes);
        Assert.Empty(_emulator.Requests);

        foreach (var bad in new[] { "-1", "ten" })
        {
            _budget = bad;
            var (ok, badEngine, _) = _harness.Run(Api);
            Assert.False(ok);
            Assert.Equal(["MBX1020"], badEngine.ErrorCodes);
        }

        Assert.Empty(_emulator.Requests);
    }

    [Fact]
    public void The_dry_run_estimate_equals_what_the_service_then_processed_and_every_output_carries_the_figures()
    {
        var summary = Path.Combine(_harness.Directory, "step-summary.md");
        _harness.Environment["GITHUB_STEP_SUMMARY"] = summary;
        var dry = _harness.Create(Api);
        dry.DryRun = true;
        Assert.True(dry.Execute());
        var dryHigh = ((FakeBuildEngine)dry.BuildEngine!).MessagesAt(MessageImportance.High).ToList();
        Assert.Empty(_emulator.Requests);
        Assert.Contains($"Mapbox: this build would have {ProcessingEstimate.Format(StopsBytes + RoadsBytes)} processed for 2 of 2 tileset(s):", dryHigh);
        Assert.Contains(dryHigh, line => line.StartsWith($"  lindenau.roads: {ProcessingEstimate.Format(RoadsBytes)} of tileset source(s) 'roads'", StringComparison.Ordinal));
        Assert.Contains(dryHigh, line => line.StartsWith($"  lindenau.stops: {ProcessingEstimate.Format(StopsBytes)} of file ", StringComparison.Ordinal) && line.Contains("stops.csv (new)", StringComparison.Ordinal));

        _budget = ProcessingEstimate.Megabytes(StopsBytes + RoadsBytes).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (succeeded, engine, task) = _harness.Run(Api);

        Assert.True(succeeded, engine.AllText);
        var staged = _emulator.IssuedCredentials.Select(c => _emulator.TryGetStagedObject(c.Bucket, c.Key, out var content) ? content.LongLength : -1).Single(length => length >= 0);
        Assert.Equal(StopsBytes, staged);
        Assert.Equal(StopsBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), TaskHarness.Metadata(task, "stops.csv", "ProcessedBytes"));
        Assert.Equal(string.Empty, TaskHarness.Metadata(task, "stops.csv", "ComputeUnits"));
        Assert.Equal(RoadsBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), TaskHarness.Metadata(task, "roads.json", "ProcessedBytes"));
        var cu = double.Parse(TaskHarness.Metadata(task, "roads.json", "ComputeUnits"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(cu, 0.3, 5);
        Assert.Equal(string.Empty, TaskHarness.Metadata(task, "roads.ldgeojson", "ProcessedBytes"));

        var high = engine.MessagesAt(MessageImportance.High).ToList();
        Assert.Contains(high, line => line.StartsWith("Mapbox: lindenau.roads published by job", StringComparison.Ordinal) && line.EndsWith($", processed {ProcessingEstimate.Format(RoadsBytes)}, {ProcessingEstimate.Format(cu)}.", StringComparison.Ordinal));
        Assert.Contains(high, line => line.StartsWith("Mapbox: lindenau.stops succeeded", StringComparison.Ordinal) && line.EndsWith($", processed {ProcessingEstimate.Format(StopsBytes)}.", StringComparison.Ordinal));
        var totals = $"Processed {ProcessingEstimate.Format(StopsBytes + RoadsBytes)}, {ProcessingEstimate.Format(cu)} (as Mapbox reported).";
        Assert.Contains(high, line => line.EndsWith(totals, StringComparison.Ordinal));
        Assert.Contains(totals, File.ReadAllText(summary), StringComparison.Ordinal);
        Assert.Contains("| Processed | CU |", File.ReadAllText(summary), StringComparison.Ordinal);

        using var manifest = JsonDocument.Parse(File.ReadAllText(_harness.ManifestPath));
        var roads = manifest.RootElement.GetProperty("tilesets").EnumerateArray().Single(r => r.GetProperty("file").GetString()!.EndsWith("roads.json", StringComparison.Ordinal));
        Assert.Equal(RoadsBytes, roads.GetProperty("processedBytes").GetInt64());
        Assert.Equal(cu, roads.GetProperty("computeUnits").GetDouble());
        Assert.Equal(RoadsBytes, roads.GetProperty("job").GetProperty("filesize").GetInt64());
        Assert.Equal(cu, roads.GetProperty("job").GetProperty("cu").GetDouble());

        // A recipe change alone: the whole source is processed again, and the estimate names the last job's cost.
        _emulator.ClearRequests();
        _harness.Write("recipes/roads.json", "{\"version\":1,\"layers\":{\"streets\":{\"source\":\"mapbox://tileset-source/" + Account + "/roads\",\"minzoom\":0,\"maxzoom\":12}}}");
        var again = _harness.Create(Api);
        again.DryRun = true;
        Assert.True(again.Execute());
        var againHigh = ((FakeBuildEngine)again.BuildEngine!).MessagesAt(MessageImportance.High).ToList();
        Assert.Contains($"Mapbox: this build would have {ProcessingEstimate.Format(RoadsBytes)} processed for 1 of 2 tileset(s):", againHigh);
        Assert.True(againHigh.Any(line => line.Contains("(recipe change); last job", StringComparison.Ordinal)
            && line.EndsWith($": {ProcessingEstimate.Format(RoadsBytes)}, {ProcessingEstimate.Format(cu)}", StringComparison.Ordinal)), string.Join("\n", againHigh));
        Assert.Contains(againHigh, line => line.StartsWith("  lindenau.stops: nothing (", StringComparison.Ordinal) && line.Contains("stops.csv up to date)", StringComparison.Ordinal));
        Assert.Empty(_emulator.Requests);
    }

    private TaskItem Source(string file)
    {
        var item = new TaskItem(Path.Combine(_harness.Directory, file));
        item.SetMetadata("SourceId", "roads");
        return item;
    }

    private TaskItem Recipe()
    {
        var item = new TaskItem(Path.Combine(_harness.Directory, "recipes/roads.json"));
        item.SetMetadata("TilesetId", "roads");
        return item;
    }
}
