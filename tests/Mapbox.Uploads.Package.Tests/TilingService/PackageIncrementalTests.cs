using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Package.Tests.Infrastructure;
using static Mapbox.Uploads.Package.Tests.TilingService.TilingServiceProject;

namespace Mapbox.Uploads.Package.Tests.TilingService;

/// <summary>
/// Ring 3: a recipe with "incremental": true through real builds of the packed package, one sandbox walking the steps
/// (initial, changeset, the resets, a refused file, Ctrl+C during a changeset job, a failed one), the emulator's
/// features read after each job and compared with the file.
/// </summary>
public sealed class PackageIncrementalTests : IAsyncLifetime
{
    private const string Account = "lindenau";
    private const string Tileset = Account + ".trails";
    private const string SourcePath = "data/trails.ldgeojson";
    private readonly HeldClock _clock = new();
    private EmulatorServer _emulator = null!;
    private PackageFeed _feed = null!;
    private string _token = string.Empty;

    public async Task InitializeAsync()
    {
        _feed = await PackageFeed.GetAsync();
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            TilesetProcessingTime = TimeSpan.FromMilliseconds(200),
            TilesetPublishesPerMinute = 0,
            RateLimitPerMinute = 0,
            TimeProvider = _clock,
        });
        _token = _emulator.MintToken(Account, [.. EmulatorServer.TilesetScopes]);
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    private static string Feature(int id, string name) =>
        $"{{\"type\":\"Feature\",\"id\":{id},\"properties\":{{\"name\":\"{name}\"}},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[12.3{id},51.3]}}}}";

    /// <summary>Twenty trails, so that a change of a few stays under the default MapboxIncrementalMaxChangePercent (30).</summary>
    private static string[] Trails() => Enumerable.Range(1, 20).Select(id => Feature(id, $"Trail {id}")).ToArray();

    /// <summary>The features with the one of <paramref name="id"/> renamed.</summary>
    private static string[] Renamed(string[] features, int id, string name) =>
        features.Select(feature => feature.Contains($"\"id\":{id},", StringComparison.Ordinal) ? Feature(id, name) : feature).ToArray();

    private static string IncrementalRecipe(int maxzoom) =>
        $"{{\"version\":1,\"incremental\":true,\"layers\":{{\"paths\":{{\"source\":\"mapbox://tileset-source/{Account}/trails\",\"minzoom\":0,\"maxzoom\":{maxzoom}}}}}}}";

    private int Count(EmulatorRoute route, string method) => _emulator.Requests.Count(r => r.Route == route && r.Method == method);

    private async Task<ProcessResult> BuildAsync(Sandbox sandbox, string[] features)
    {
        sandbox.WriteFile(SourcePath, string.Concat(features.Select(feature => feature + "\n")));
        _emulator.ClearRequests();
        return await sandbox.RunAsync("build", DataProject.WithToken(_token), $"-p:MapboxApiUrl={_emulator.BaseUrl}");
    }

    private void AssertFeaturesAre(string[] features)
    {
        var layers = _emulator.TilesetFeatures(Tileset);
        Assert.NotNull(layers);
        Assert.Equal(features.Order(StringComparer.Ordinal), layers!["paths"].Order(StringComparer.Ordinal));
    }

    private static string? ManifestIncremental(Sandbox sandbox)
    {
        using var manifest = JsonDocument.Parse(ManifestText(sandbox));
        return manifest.RootElement.GetProperty("tilesets").EnumerateArray()
            .Single(entry => entry.GetProperty("tileset").GetString() == Tileset && entry.GetProperty("file").GetString()!.EndsWith("trails.json", StringComparison.Ordinal))
            .GetProperty("job").GetProperty("incremental").GetString();
    }

    [Fact]
    public async Task Initial_changeset_resets_refused_ids_Ctrl_C_and_a_failed_changeset_job_through_real_builds()
    {
        var sandbox = new Sandbox(_feed, "mts-incremental-walk");
        sandbox.WriteFile("recipes/trails.json", IncrementalRecipe(10));
        Write(sandbox, Source(SourcePath, "trails"), RecipeItem("recipes/trails.json", "trails"));

        var features = Trails();
        var initial = await BuildAsync(sandbox, features);
        Assert.True(initial.ExitCode == 0, initial.ToString());
        Assert.Equal((1, 0), (Count(EmulatorRoute.TilesetPublish, "POST"), Count(EmulatorRoute.TilesetPublishChangesets, "POST")));
        Assert.Contains("(initial)", LineWith(initial, $"Mapbox: {Tileset} published by job"), StringComparison.Ordinal);
        Assert.Equal("initial", ManifestIncremental(sandbox));
        AssertFeaturesAre(features);

        // One added, one changed, one removed: one changeset and publish-changesets, the source replaced as well.
        features = [.. Renamed(features, 7, "Auenwald trail").Where(f => !f.Contains("\"id\":3,", StringComparison.Ordinal)), Feature(21, "Trail 21")];
        var changeset = await BuildAsync(sandbox, features);
        Assert.True(changeset.ExitCode == 0, changeset.ToString());
        Assert.Equal((1, 1, 0, 1, 1), (Count(EmulatorRoute.TilesetChangesets, "PUT"), Count(EmulatorRoute.TilesetSources, "PUT"), Count(EmulatorRoute.TilesetPublish, "POST"), Count(EmulatorRoute.TilesetPublishChangesets, "POST"), Count(EmulatorRoute.TilesetChangesets, "DELETE")));
        Assert.Contains("(changeset +1 ~1 -1, ", LineWith(changeset, $"Mapbox: {Tileset} published by job"), StringComparison.Ordinal);
        Assert.StartsWith("changeset +1 ~1 -1, ", ManifestIncremental(sandbox), StringComparison.Ordinal);
        AssertFeaturesAre(features);

        // A recipe change is a reset, said in the result line.
        sandbox.WriteFile("recipes/trails.json", IncrementalRecipe(12));
        features = Renamed(features, 1, "Elster trail");
        var recipeChange = await BuildAsync(sandbox, features);
        Assert.True(recipeChange.ExitCode == 0, recipeChange.ToString());
        Assert.Equal((1, 0), (Count(EmulatorRoute.TilesetPublish, "POST"), Count(EmulatorRoute.TilesetPublishChangesets, "POST")));
        Assert.Contains("(reset: its recipe changed", LineWith(recipeChange, $"Mapbox: {Tileset} published by job"), StringComparison.Ordinal);
        AssertFeaturesAre(features);

        // A fresh clone (no stamp folder, so no feature index) is a reset.
        Directory.Delete(sandbox.StampDirectory, recursive: true);
        features = Renamed(features, 2, "Luppe trail");
        var clone = await BuildAsync(sandbox, features);
        Assert.True(clone.ExitCode == 0, clone.ToString());
        Assert.Equal((1, 0), (Count(EmulatorRoute.TilesetPublish, "POST"), Count(EmulatorRoute.TilesetPublishChangesets, "POST")));
        Assert.Contains("(reset: the build has no record", LineWith(clone, $"Mapbox: {Tileset} published by job"), StringComparison.Ordinal);
        AssertFeaturesAre(features);

        // A feature without an id is refused at its line, before any request.
        var missing = await BuildAsync(sandbox, [.. features, "{\"type\":\"Feature\",\"properties\":{},\"geometry\":{\"type\":\"Point\",\"coordinates\":[12.3,51.3]}}"]);
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Equal(["MBX3022"], missing.ErrorCodes);
        Assert.StartsWith(sandbox.PathOf(SourcePath) + $"({features.Length + 1},", LineWith(missing, "error MBX3022"), StringComparison.Ordinal);
        Assert.Empty(_emulator.Requests);

        // So are two features with one id (an integer and a string of its digits), naming both lines.
        var duplicate = await BuildAsync(sandbox, [.. features, Feature(21, "Trail 21 again").Replace("\"id\":21", "\"id\":\"21\"", StringComparison.Ordinal)]);
        Assert.NotEqual(0, duplicate.ExitCode);
        Assert.Equal(["MBX3023"], duplicate.ErrorCodes);
        var duplicateLine = LineWith(duplicate, "error MBX3023");
        Assert.StartsWith(sandbox.PathOf(SourcePath) + $"({features.Length + 1},", duplicateLine, StringComparison.Ordinal);
        Assert.Contains($"line {features.Length}, column 1", duplicateLine, StringComparison.Ordinal);
        Assert.Empty(_emulator.Requests);

        // Ctrl+C while the changeset job runs (the emulator's clock held, so it cannot end first): MBX7002.
        features = Renamed(features, 5, "Parthe trail");
        sandbox.WriteFile(SourcePath, string.Concat(features.Select(feature => feature + "\n")));
        _emulator.ClearRequests();
        _clock.Hold();
        ProcessResult cancelled;
        try
        {
            (cancelled, _) = await RunningBuild.BuildAndInterruptAsync(sandbox, _emulator.BaseUrl, _token,
                () => _emulator.Requests.Any(r => r.Route == EmulatorRoute.TilesetPublishChangesets));
        }
        finally
        {
            _clock.Release();
        }

        Assert.NotEqual(0, cancelled.ExitCode);
        Assert.Contains("MBX7002", cancelled.ErrorCodes);

        // The index was not advanced: the next build sends the same change; its job fails, MBX6005 on the source file.
        _emulator.TilesetProcessing.FailChangesets(Tileset, "Changeset could not be applied");
        var failed = await BuildAsync(sandbox, features);
        Assert.NotEqual(0, failed.ExitCode);
        Assert.Equal(["MBX6005"], failed.ErrorCodes);
        var error = LineWith(failed, "error MBX6005");
        Assert.StartsWith(sandbox.PathOf(SourcePath), error, StringComparison.Ordinal);
        Assert.Contains("Changeset could not be applied", error, StringComparison.Ordinal);
        Assert.Equal(1, Count(EmulatorRoute.TilesetPublishChangesets, "POST"));

        // Still not advanced: the same change goes up again and is published.
        _emulator.TilesetProcessing.Clear();
        var retried = await BuildAsync(sandbox, features);
        Assert.True(retried.ExitCode == 0, retried.ToString());
        Assert.Equal((0, 1), (Count(EmulatorRoute.TilesetSources, "PUT"), Count(EmulatorRoute.TilesetPublishChangesets, "POST")));
        Assert.Contains("(changeset +0 ~1 -0, ", LineWith(retried, $"Mapbox: {Tileset} published by job"), StringComparison.Ordinal);
        AssertFeaturesAre(features);
    }

    /// <summary>The emulator's clock: real time, except while held, when it stands still (a job started then cannot end).</summary>
    private sealed class HeldClock : TimeProvider
    {
        private long _heldTicks;

        public override DateTimeOffset GetUtcNow()
        {
            var held = Interlocked.Read(ref _heldTicks);
            return held == 0 ? base.GetUtcNow() : new DateTimeOffset(held, TimeSpan.Zero);
        }

        public void Hold() => Interlocked.Exchange(ref _heldTicks, base.GetUtcNow().UtcTicks);

        public void Release() => Interlocked.Exchange(ref _heldTicks, 0);
    }
}
