using System;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Package.Tests.Infrastructure;
using static Mapbox.Uploads.Package.Tests.TilingService.TilingServiceProject;

namespace Mapbox.Uploads.Package.Tests.Independent;

/// <summary>
/// Ring 3 against the independent Python service's Tiling Service routes: the packed package's MapboxTilesetSource
/// and MapboxRecipe items in real <c>dotnet build</c>s.
/// </summary>
public sealed class IndependentServiceTilingBuildTests : IClassFixture<IndependentService>, IAsyncLifetime
{
    private readonly IndependentService _service;
    private PackageFeed _feed = null!;

    public IndependentServiceTilingBuildTests(IndependentService service) => _service = service;

    public async Task InitializeAsync() => _feed = await PackageFeed.GetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private string ApiProperty => $"-p:MapboxApiUrl={_service.BaseUrl}";

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
}
