using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Build.Tests.Infrastructure;
using Mapbox.Uploads.Emulator;
using Microsoft.Build.Framework;
using TaskItem = Microsoft.Build.Utilities.TaskItem;

namespace Mapbox.Uploads.Build.Tests.TilingService;

/// <summary>
/// A recipe with "incremental": true through the task against the in-process emulator, one project walking the steps:
/// initial, changesets, resets and their reasons, refused ids, and a failed or cancelled changeset job that leaves
/// the feature index as it was. After each job the emulator's features equal the file's.
/// </summary>
public sealed class IncrementalTaskTests : IAsyncLifetime, IDisposable
{
    private const string Account = "plagwitz";
    private const string Tileset = Account + ".trails";
    private readonly TaskHarness _harness = new();
    private EmulatorServer _emulator = null!;
    private string _maxChangePercent = "100"; // small files: every change is a large share

    private static string Feature(string id, string name) =>
        $"{{\"type\":\"Feature\",\"id\":{id},\"properties\":{{\"name\":\"{name}\"}},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[12.3,51.3]}}}}";

    private static string Recipe(int maxzoom) =>
        $"{{\"version\":1,\"incremental\":true,\"layers\":{{\"paths\":{{\"source\":\"mapbox://tileset-source/{Account}/trails\",\"minzoom\":0,\"maxzoom\":{maxzoom}}}}}}}";

    private static string Lines(params string[] features) => string.Concat(features.Select(feature => feature + "\n"));

    public Task InitializeAsync() => StartAsync(TimeSpan.FromMilliseconds(100));

    private async Task StartAsync(TimeSpan processing)
    {
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { TilesetProcessingTime = processing, TilesetPublishesPerMinute = 0, RateLimitPerMinute = 0 });
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = _emulator.MintToken(Account, EmulatorServer.TilesetScopes.ToArray());
        _harness.Write("recipes/trails.json", Recipe(10));
        _harness.Configure = task =>
        {
            var source = new TaskItem(Path.Combine(_harness.Directory, "data/trails.ldgeojson"));
            source.SetMetadata("SourceId", "trails");
            var recipe = new TaskItem(Path.Combine(_harness.Directory, "recipes/trails.json"));
            recipe.SetMetadata("TilesetId", "trails");
            task.Sources = [source];
            task.Recipes = [recipe];
            task.IncrementalMaxChangePercent = _maxChangePercent;
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

    private (bool Succeeded, FakeBuildEngine Engine, MapboxUpload Task) Build(string data)
    {
        _harness.Write("data/trails.ldgeojson", data);
        File.SetLastWriteTimeUtc(Path.Combine(_harness.Directory, "data/trails.ldgeojson"), DateTime.UtcNow.AddMinutes(-10));
        _emulator.ClearRequests();
        return _harness.Run(_emulator.BaseUrl.ToString());
    }

    private int Count(EmulatorRoute route, string method) => _emulator.Requests.Count(r => r.Route == route && r.Method == method);

    private void AssertFeaturesAre(string data)
    {
        var features = _emulator.TilesetFeatures(Tileset);
        Assert.NotNull(features);
        Assert.Equal(data.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal), features!["paths"].Order(StringComparer.Ordinal));
    }

    /// <summary>The manifest's <c>job.incremental</c> of the recipe's entry.</summary>
    private string? ManifestIncremental()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(_harness.ManifestPath));
        var recipe = manifest.RootElement.GetProperty("tilesets").EnumerateArray().Single(entry => entry.GetProperty("file").GetString()!.EndsWith("trails.json", StringComparison.Ordinal));
        return recipe.GetProperty("job").GetProperty("incremental").GetString();
    }

    /// <summary>The manifest's <c>job.filesize</c> of the recipe's entry: the bytes the emulator's job processed.</summary>
    private long ManifestFilesize()
    {
        using var manifest = JsonDocument.Parse(File.ReadAllText(_harness.ManifestPath));
        var recipe = manifest.RootElement.GetProperty("tilesets").EnumerateArray().Single(entry => entry.GetProperty("file").GetString()!.EndsWith("trails.json", StringComparison.Ordinal));
        return recipe.GetProperty("job").GetProperty("filesize").GetInt64();
    }

    /// <summary>The estimate's heading, logged before anything is sent.</summary>
    private static string Estimated(FakeBuildEngine engine) =>
        Assert.Single(engine.MessagesAt(MessageImportance.High), m => m.StartsWith("Mapbox: this build will have ", StringComparison.Ordinal));

    [Fact]
    public void An_incremental_tileset_is_published_initial_then_by_changesets_reset_when_it_must_be_and_never_loses_a_change()
    {
        var first = Lines(Feature("1", "Elster"), Feature("2", "Luppe"), Feature("3", "Pleisse"), Feature("4", "Parthe"));
        var (initial, initialEngine, initialTask) = Build(first);
        Assert.True(initial, initialEngine.AllText);
        Assert.Equal(1, Count(EmulatorRoute.TilesetPublish, "POST"));
        Assert.Equal("initial", ManifestIncremental());
        Assert.Contains("(initial)", TaskHarness.Metadata(initialTask, "trails.json", "Status") + string.Join("\n", initialEngine.MessagesAt(MessageImportance.High)), StringComparison.Ordinal);
        AssertFeaturesAre(first);

        // Nothing changed: nothing is sent, and the row says Skipped, not how the last job published the tileset.
        var (unchanged, unchangedEngine, _) = Build(first);
        Assert.True(unchanged, unchangedEngine.AllText);
        Assert.DoesNotContain(_emulator.Requests, r => r.Method != "GET");
        var skippedRow = Assert.Single(unchangedEngine.MessagesAt(MessageImportance.High), m => m.Contains("recipes/trails.json", StringComparison.Ordinal) && m.Contains("Skipped", StringComparison.Ordinal));
        Assert.DoesNotContain("(initial)", skippedRow, StringComparison.Ordinal);

        // Changed, added and removed features go up as one changeset; the source is replaced too.
        var second = Lines(Feature("1", "Elster"), Feature("2", "Neue Luppe"), Feature("4", "Parthe"), Feature("5", "Karl-Heine-Kanal"));
        var (changeset, changesetEngine, _) = Build(second);
        Assert.True(changeset, changesetEngine.AllText);
        Assert.True(Count(EmulatorRoute.TilesetPublishChangesets, "POST") == 1, changesetEngine.AllText);
        Assert.Equal((1, 1, 0, 1, 1), (Count(EmulatorRoute.TilesetChangesets, "PUT"), Count(EmulatorRoute.TilesetSources, "PUT"), Count(EmulatorRoute.TilesetPublish, "POST"), Count(EmulatorRoute.TilesetPublishChangesets, "POST"), Count(EmulatorRoute.TilesetChangesets, "DELETE")));
        Assert.Contains(changesetEngine.MessagesAt(MessageImportance.High), m => m.Contains("changeset +1 ~1 -1", StringComparison.Ordinal));
        Assert.StartsWith("changeset +1 ~1 -1, ", ManifestIncremental(), StringComparison.Ordinal);
        AssertFeaturesAre(second);
        // The estimate of a changeset publish is the changeset's bytes, not the source's: those the emulator's job then processed.
        var changesetBytes = ManifestFilesize();
        Assert.InRange(changesetBytes, 1, second.Length - 1);
        Assert.Equal($"Mapbox: this build will have {ProcessingEstimate.Format(changesetBytes)} processed for 1 of 1 tileset(s):", Estimated(changesetEngine));
        Assert.Contains(changesetEngine.MessagesAt(MessageImportance.High), m => m.StartsWith($"  {Tileset}: {ProcessingEstimate.Format(changesetBytes)} of the changeset of source(s) 'trails' read by ", StringComparison.Ordinal)
            && m.Contains("(changed); last job ", StringComparison.Ordinal));

        // A recipe change is a reset.
        _harness.Write("recipes/trails.json", Recipe(12));
        var third = Lines(Feature("1", "Elster"), Feature("2", "Neue Luppe"), Feature("5", "Karl-Heine-Kanal"));
        var (reset, resetEngine, _) = Build(third);
        Assert.True(reset, resetEngine.AllText);
        Assert.Equal((1, 0), (Count(EmulatorRoute.TilesetPublish, "POST"), Count(EmulatorRoute.TilesetPublishChangesets, "POST")));
        Assert.Contains(resetEngine.MessagesAt(MessageImportance.High), m => m.Contains("reset: its recipe changed", StringComparison.Ordinal));
        AssertFeaturesAre(third);
        Assert.Equal(third.Length, ManifestFilesize());
        Assert.Contains(resetEngine.MessagesAt(MessageImportance.High), m => m.StartsWith($"  {Tileset}: {ProcessingEstimate.Format(third.Length)} of tileset source(s) 'trails'", StringComparison.Ordinal)
            && m.Contains("(recipe change)", StringComparison.Ordinal));

        // A fresh clone (no stamp folder) is a reset too.
        Directory.Delete(_harness.StampDirectory, recursive: true);
        var fourth = Lines(Feature("1", "Weisse Elster"), Feature("2", "Neue Luppe"), Feature("5", "Karl-Heine-Kanal"));
        var (clone, cloneEngine, _) = Build(fourth);
        Assert.True(clone, cloneEngine.AllText);
        Assert.Equal((1, 0), (Count(EmulatorRoute.TilesetPublish, "POST"), Count(EmulatorRoute.TilesetPublishChangesets, "POST")));
        Assert.Contains(cloneEngine.MessagesAt(MessageImportance.High), m => m.Contains("reset: the build has no record", StringComparison.Ordinal));
        AssertFeaturesAre(fourth);
        Assert.Equal($"Mapbox: this build will have {ProcessingEstimate.Format(fourth.Length)} processed for 1 of 1 tileset(s):", Estimated(cloneEngine));
        Assert.Equal(fourth.Length, ManifestFilesize());

        // A feature without an id, or two with one id, is refused at its line with nothing sent.
        var (missing, missingEngine, _) = Build(fourth + "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}\n");
        Assert.False(missing);
        Assert.Equal(["MBX3022"], missingEngine.ErrorCodes);
        Assert.Contains(missingEngine.Errors, e => e.LineNumber == 4 && e.File.EndsWith("trails.ldgeojson", StringComparison.Ordinal));
        Assert.Empty(_emulator.Requests);
        var (duplicate, duplicateEngine, _) = Build(fourth + Feature("\"2\"", "Luppe again") + "\n");
        Assert.False(duplicate);
        Assert.Equal(["MBX3023"], duplicateEngine.ErrorCodes);
        Assert.Contains(duplicateEngine.Errors, e => e.LineNumber == 4 && e.Message!.Contains("line 2, column 1", StringComparison.Ordinal));
        Assert.Empty(_emulator.Requests);

        // A changeset job that fails is an error on the source file, and the next build sends the same changes again.
        var fifth = Lines(Feature("1", "Weisse Elster"), Feature("5", "Karl-Heine-Kanal"), Feature("6", "Floessgraben"));
        _emulator.TilesetProcessing.FailChangesets(Tileset, "Changeset could not be applied");
        var (failed, failedEngine, _) = Build(fifth);
        Assert.False(failed);
        Assert.Equal(["MBX6005"], failedEngine.ErrorCodes);
        Assert.Contains(failedEngine.Errors, e => e.File.EndsWith("trails.ldgeojson", StringComparison.Ordinal) && e.Message!.Contains("Changeset could not be applied", StringComparison.Ordinal));
        _emulator.TilesetProcessing.Clear();
        var (retried, retriedEngine, _) = Build(fifth);
        Assert.True(retried, retriedEngine.AllText);
        Assert.Equal((0, 1), (Count(EmulatorRoute.TilesetSources, "PUT"), Count(EmulatorRoute.TilesetPublishChangesets, "POST")));
        Assert.Contains(retriedEngine.MessagesAt(MessageImportance.High), m => m.Contains("changeset +1 ~0 -1", StringComparison.Ordinal));
        AssertFeaturesAre(fifth);

        // A diff larger than MapboxIncrementalMaxChangePercent of the features is a reset.
        _maxChangePercent = "30";
        var sixth = Lines(Feature("1", "Elster"), Feature("5", "Kanal"), Feature("6", "Floessgraben"));
        var (large, largeEngine, _) = Build(sixth);
        Assert.True(large, largeEngine.AllText);
        Assert.Equal((1, 0, 0), (Count(EmulatorRoute.TilesetPublish, "POST"), Count(EmulatorRoute.TilesetPublishChangesets, "POST"), Count(EmulatorRoute.TilesetChangesets, "PUT")));
        Assert.Contains(largeEngine.MessagesAt(MessageImportance.High), m => m.Contains("reset: source 'trails' changed 66.7% of its features", StringComparison.Ordinal) && m.Contains("MapboxIncrementalMaxChangePercent=30", StringComparison.Ordinal));
        Assert.StartsWith("reset: source 'trails' changed 66.7%", ManifestIncremental(), StringComparison.Ordinal);
        AssertFeaturesAre(sixth);
    }

    [Fact]
    public async Task A_build_cancelled_during_its_changeset_job_is_MBX7002_and_the_next_build_sends_the_changes_again()
    {
        // Jobs long enough to be cancelled while they run.
        await _emulator.DisposeAsync();
        await StartAsync(TimeSpan.FromSeconds(1.5));
        var first = Lines(Feature("1", "Elster"), Feature("2", "Luppe"), Feature("3", "Pleisse"), Feature("4", "Parthe"), Feature("5", "Mulde"));
        Assert.True(Build(first).Succeeded);
        var second = Lines(Feature("1", "Elster"), Feature("2", "Luppe"), Feature("3", "Pleisse"), Feature("4", "Parthe"), Feature("5", "Zwickauer Mulde"));
        _harness.Write("data/trails.ldgeojson", second);
        _emulator.ClearRequests();
        var task = _harness.Create(_emulator.BaseUrl.ToString());
        var build = Task.Run(task.Execute);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Count(EmulatorRoute.TilesetPublishChangesets, "POST") == 0 && DateTime.UtcNow < deadline && !build.IsCompleted)
        {
            await Task.Delay(5);
        }

        task.Cancel();
        Assert.False(await build);
        var engine = (FakeBuildEngine)task.BuildEngine;
        Assert.Contains("MBX7002", engine.ErrorCodes);

        var (again, againEngine, _) = Build(second);
        Assert.True(again, againEngine.AllText);
        Assert.Equal(1, Count(EmulatorRoute.TilesetPublishChangesets, "POST"));
        Assert.Contains(againEngine.MessagesAt(MessageImportance.High), m => m.Contains("changeset +0 ~1 -0", StringComparison.Ordinal));
        AssertFeaturesAre(second);
    }
}
