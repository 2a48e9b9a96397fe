using System;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Package.Tests.Infrastructure;
using Mapbox.Uploads.Package.Tests.Reliability;
using static Mapbox.Uploads.Package.Tests.TilingService.TilingServiceProject;

namespace Mapbox.Uploads.Package.Tests.Independent;

/// <summary>
/// Ring 3 against the independent Python service's Tiling Service routes: the packed package's MapboxTilesetSource
/// and MapboxRecipe items in real <c>dotnet build</c>s, read back from what the service holds where it matters (a
/// refused recipe publishes nothing, one changed source republishes only the tilesets referencing it, three
/// tilesets under the publish limit all succeed).
/// </summary>
public sealed class IndependentServiceTilingBuildTests : IClassFixture<IndependentService>, IAsyncLifetime
{
    private readonly IndependentService _service;
    private PackageFeed _feed = null!;

    public IndependentServiceTilingBuildTests(IndependentService service) => _service = service;

    public async Task InitializeAsync() => _feed = await PackageFeed.GetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private string ApiProperty => $"-p:MapboxApiUrl={_service.BaseUrl}";

    private static string Tileset(string id) => $"{IndependentService.User}.{id}";

    private static string SourceKey(string id) => $"{IndependentService.User}/{id}";

    private Sandbox Project(string name, string tilesetId)
    {
        var sandbox = new Sandbox(_feed, name);
        sandbox.WriteFile("data/roads.geojson", Roads);
        sandbox.WriteFile("data/roads-extra.ldgeojson", RoadsExtra);
        sandbox.WriteFile($"recipes/{tilesetId}.json", Recipe(IndependentService.User, "roads", $"{tilesetId}-src"));
        Write(sandbox,
            Source("data/roads.geojson", $"{tilesetId}-src"),
            Source("data/roads-extra.ldgeojson", $"{tilesetId}-src"),
            RecipeItem($"recipes/{tilesetId}.json", tilesetId, ("Name", "City roads")));
        return sandbox;
    }

    [Fact]
    public async Task Ctrl_C_while_the_job_processes_fails_with_MBX7002_and_publishes_nothing_more()
    {
        var sandbox = Project("independent-mts-cancel", "cancel-roads");

        var (result, _) = await RunningBuild.BuildAndInterruptAsync(sandbox, _service.BaseUrl, _service.Token,
            () => _service.TilingAsync().GetAwaiter().GetResult().Jobs(Tileset("cancel-roads")).Count > 0);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Equal(["MBX7002"], result.ErrorCodes);
        Assert.Contains(sandbox.PathOf("recipes/cancel-roads.json"), LineWith(result, "error MBX7002"), StringComparison.Ordinal);
        Assert.DoesNotContain(_service.Token, result.Output, StringComparison.Ordinal);
        // The job goes on at the service (no API cancels it); the build published it once and sent nothing after the signal.
        Assert.Single((await _service.TilingAsync()).Jobs(Tileset("cancel-roads")));
    }

    [Fact]
    public async Task First_publish_with_a_job_warning_then_no_request_then_a_recipe_change_alone()
    {
        var sandbox = Project("independent-mts", "warn-roads");

        var first = await sandbox.RunAsync("build", DataProject.WithToken(_service.Token), ApiProperty, "-v:diag");

        Assert.True(first.ExitCode == 0, first + "\nservice:\n" + _service.Output());
        Assert.DoesNotContain(_service.Token, first.Output, StringComparison.Ordinal);
        Assert.Equal(["MBX6003"], first.WarningCodes);
        Assert.Contains(sandbox.PathOf("recipes/warn-roads.json"), LineWith(first, "warning MBX6003"), StringComparison.Ordinal);
        var results = Results(first);
        Assert.Equal(("alice.warn-roads", "Succeeded", "success"), (results["warn-roads.json"].Tileset, results["warn-roads.json"].Status, results["warn-roads.json"].Stage));
        Assert.Contains($"Mapbox: alice.warn-roads published by job {results["warn-roads.json"].JobId}", first.Output, StringComparison.Ordinal);
        Assert.Contains("\"layerStats\"", ManifestText(sandbox), StringComparison.Ordinal);

        var before = await _service.StatAsync("requests");
        var second = await sandbox.RunAsync("build", DataProject.WithToken(_service.Token), ApiProperty);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(before, await _service.StatAsync("requests"));

        sandbox.WriteFile("recipes/warn-roads.json", Recipe(IndependentService.User, "streets", "warn-roads-src"));
        var third = await sandbox.RunAsync("build", DataProject.WithToken(_service.Token), ApiProperty, "-v:n");

        Assert.True(third.ExitCode == 0, third + "\nservice:\n" + _service.Output());
        Assert.DoesNotContain("uploaded to tileset source", third.Output, StringComparison.Ordinal);
        Assert.Contains("updated the recipe of alice.warn-roads", third.Output, StringComparison.Ordinal);
        Assert.Contains("Mapbox: alice.warn-roads published by job", third.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_job_is_MBX6002_on_the_recipe_line_and_eleven_files_send_nothing()
    {
        var sandbox = Project("independent-mts-failed", "fail-roads");

        var failed = await sandbox.RunAsync("build", DataProject.WithToken(_service.Token), ApiProperty);

        Assert.NotEqual(0, failed.ExitCode);
        Assert.Equal(["MBX6002"], failed.ErrorCodes);
        var line = LineWith(failed, "error MBX6002");
        Assert.StartsWith(sandbox.PathOf("recipes/fail-roads.json"), line, StringComparison.Ordinal);
        Assert.Contains("Layer data: invalid geometry", line, StringComparison.Ordinal);

        var eleven = new Sandbox(_feed, "independent-mts-eleven");
        var files = Enumerable.Range(1, 11).Select(i => $"data/part{i}.ldgeojson").ToList();
        files.ForEach(file => eleven.WriteFile(file, RoadsExtra));
        eleven.WriteFile("recipes/roads.json", Recipe(IndependentService.User, "roads", "roads"));
        Write(eleven, [.. files.Select(file => Source(file, "roads")), RecipeItem("recipes/roads.json", "roads")]);
        var before = await _service.StatAsync("requests");

        var refused = await eleven.RunAsync("build", DataProject.WithToken(_service.Token), ApiProperty);

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Equal(["MBX3020"], refused.ErrorCodes);
        Assert.Equal(before, await _service.StatAsync("requests"));
    }

    [Fact]
    public async Task A_recipe_the_service_refuses_is_MBX4010_naming_the_recipe_file_and_nothing_is_published()
    {
        var sandbox = new Sandbox(_feed, "independent-mts-refused");
        sandbox.WriteFile("data/roads.ldgeojson", RoadsExtra);
        sandbox.WriteFile("recipes/refused.json", Recipe(IndependentService.User, "roads", "ghost-src"));
        Write(sandbox, Source("data/roads.ldgeojson", "refused-src"), RecipeItem("recipes/refused.json", "refused"));

        var result = await sandbox.RunAsync("build", DataProject.WithToken(_service.Token), ApiProperty);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(["MBX4010"], result.ErrorCodes);
        var line = LineWith(result, "error MBX4010");
        Assert.StartsWith(sandbox.PathOf("recipes/refused.json"), line, StringComparison.Ordinal);
        Assert.Contains("mapbox://tileset-source/alice/ghost-src does not exist", line, StringComparison.Ordinal);
        var tiling = await _service.TilingAsync();
        Assert.Equal(1, tiling.Writes(SourceKey("refused-src")));
        Assert.False(tiling.Tilesets.ContainsKey(Tileset("refused")), "the refused recipe created a tileset");
        Assert.Empty(tiling.Jobs(Tileset("refused")));
    }

    [Fact]
    public async Task One_changed_source_goes_up_alone_and_republishes_only_the_tileset_whose_recipe_references_it_with_no_secret_in_diag_or_binlog()
    {
        var sandbox = new Sandbox(_feed, "independent-mts-rebuild");
        sandbox.WriteFile("data/streets.ldgeojson", RoadsExtra);
        sandbox.WriteFile("data/paths.geojson", Roads);
        sandbox.WriteFile("recipes/streets.json", Recipe(IndependentService.User, "streets", "streets-src"));
        sandbox.WriteFile("recipes/network.json", Recipe(IndependentService.User, "network", "streets-src", "paths-src"));
        Write(sandbox,
            Source("data/streets.ldgeojson", "streets-src"),
            Source("data/paths.geojson", "paths-src"),
            RecipeItem("recipes/streets.json", "streets"),
            RecipeItem("recipes/network.json", "network"));

        var first = await sandbox.RunAsync("build", DataProject.WithToken(_service.Token), ApiProperty, "-v:diag");

        Assert.True(first.ExitCode == 0, first + "\nservice:\n" + _service.Output());
        Assert.True(await Secrets.AssertNoneLeakedAsync(sandbox, first, Secrets.OfTokens(_service.Token)) >= 3);
        var before = await _service.TilingAsync();
        Assert.Equal(["success"], before.Jobs(Tileset("streets")));
        Assert.Equal(["success"], before.Jobs(Tileset("network")));

        sandbox.WriteFile("data/paths.geojson", Roads.Replace("Karl-Heine-Strasse", "Weißeelsterweg", StringComparison.Ordinal));
        var second = await sandbox.RunAsync("build", DataProject.WithToken(_service.Token), ApiProperty, "-v:n");

        Assert.True(second.ExitCode == 0, second + "\nservice:\n" + _service.Output());
        var after = await _service.TilingAsync();
        Assert.Equal((1, 2), (after.Writes(SourceKey("streets-src")), after.Writes(SourceKey("paths-src"))));
        Assert.Equal(["success"], after.Jobs(Tileset("streets")));
        Assert.Equal(["success", "success"], after.Jobs(Tileset("network")));
        var results = Results(second);
        Assert.Equal(("Skipped", "Succeeded"), (results["streets.json"].Status, results["network.json"].Status));
        Assert.Contains("its source 'paths-src' changed", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_tilesets_under_the_publish_limit_of_two_a_window_all_succeed()
    {
        var sandbox = new Sandbox(_feed, "independent-mts-publish-limit");
        var ids = new[] { "limit-a", "limit-b", "limit-c" };
        WriteTilesetsOnOneSource(sandbox, IndependentService.User, "limit-src", ids);

        var result = await sandbox.RunAsync("build", DataProject.WithToken(_service.Token), ApiProperty);

        Assert.True(result.ExitCode == 0, result + "\nservice:\n" + _service.Output());
        Assert.Contains("3 tilesets to publish; Mapbox allows 2 publishes a minute", result.Output, StringComparison.Ordinal);
        var results = Results(result);
        Assert.All(ids, id => Assert.Equal(("Succeeded", "success"), (results[$"{id}.json"].Status, results[$"{id}.json"].Stage)));
        var tiling = await _service.TilingAsync();
        Assert.All(ids, id => Assert.Equal(["success"], tiling.Jobs(Tileset(id))));
    }
}
