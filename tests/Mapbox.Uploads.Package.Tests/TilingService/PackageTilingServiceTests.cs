using System;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Package.Tests.Infrastructure;
using static Mapbox.Uploads.Package.Tests.TilingService.TilingServiceProject;

namespace Mapbox.Uploads.Package.Tests.TilingService;

/// <summary>Ring 3: the packed package publishes with the Tiling Service in real dotnet builds against the in-process emulator.</summary>
public sealed class PackageTilingServiceTests : EmulatedPackageScenario
{
    private string? _mtsToken;

    private Sandbox RoadsAndParks(string name)
    {
        var sandbox = new Sandbox(Feed, name);
        sandbox.WriteFile("data/roads.geojson", Roads);
        sandbox.WriteFile("data/roads-extra.ldgeojson", RoadsExtra);
        sandbox.WriteFile("data/parks.geojson", DataProject.ParksGeoJson);
        sandbox.WriteFile("recipes/roads.json", Recipe(Account, "roads", "roads"));
        sandbox.WriteFile("recipes/parks.json", Recipe(Account, "parks", "parks"));
        Write(sandbox,
            Source("data/roads.geojson", "roads"),
            Source("data/roads-extra.ldgeojson", "roads"),
            Source("data/parks.geojson", "parks"),
            RecipeItem("recipes/roads.json", "roads", ("Name", "City roads"), ("Description", "Streets of Lindenau")),
            RecipeItem("recipes/parks.json", "parks"));
        return sandbox;
    }

    /// <summary>A token of the account with the three tilesets scopes.</summary>
    private string MtsToken => _mtsToken ??= Emulator.MintToken(Account, [.. EmulatorServer.TilesetScopes]);

    /// <summary>Requests the emulator answered, leaving out the 429s of the publish limit that the client waits out and repeats.</summary>
    private int Count(EmulatorRoute route, string method) => Emulator.Requests.Count(r => r.Route == route && r.Method == method && r.StatusCode != 429);

    [Fact]
    public async Task First_publish_then_no_request_then_a_recipe_change_alone_then_one_changed_source_alone()
    {
        var sandbox = RoadsAndParks("mts-incremental");

        var first = await sandbox.RunAsync("build", DataProject.WithToken(MtsToken), ApiProperty, "-v:diag");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.DoesNotContain(MtsToken, first.Output, StringComparison.Ordinal);
        Assert.Equal(2, Count(EmulatorRoute.TilesetSources, "PUT"));
        Assert.Equal(1, Count(EmulatorRoute.TilesetSources, "POST"));
        Assert.Equal(2, Count(EmulatorRoute.TilesetPublish, "POST"));
        var results = Results(first);
        Assert.Equal(("lindenau.roads", "Succeeded", "success"), (results["roads.json"].Tileset, results["roads.json"].Status, results["roads.json"].Stage));
        Assert.Equal(("lindenau.parks", "Succeeded", "success"), (results["parks.json"].Tileset, results["parks.json"].Status, results["parks.json"].Stage));
        Assert.Contains($"Mapbox: lindenau.roads published by job {results["roads.json"].JobId}", first.Output, StringComparison.Ordinal);
        Assert.Contains("\"tilesetPrecisions\"", ManifestText(sandbox), StringComparison.Ordinal);
        Assert.Contains(results["parks.json"].JobId, ManifestText(sandbox), StringComparison.Ordinal);
        var replay = await DataProject.ReplayAsync(sandbox, sandbox.BinaryLogs[0]);
        Assert.Contains("published by job", replay, StringComparison.Ordinal);
        Assert.DoesNotContain(MtsToken, replay, StringComparison.Ordinal);

        Emulator.ClearRequests();
        var second = await sandbox.RunAsync("build", DataProject.WithToken(MtsToken), ApiProperty);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Empty(Emulator.Requests);
        Assert.All(Results(second).Values, r => Assert.Equal("Skipped", r.Status));

        sandbox.WriteFile("recipes/roads.json", Recipe(Account, "streets", "roads"));
        var third = await sandbox.RunAsync("build", DataProject.WithToken(MtsToken), ApiProperty);

        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Equal(0, Emulator.Requests.Count(r => r.Route == EmulatorRoute.TilesetSources));
        Assert.Equal(1, Count(EmulatorRoute.TilesetRecipes, "PATCH"));
        Assert.Single(Emulator.Requests, r => r.Route == EmulatorRoute.TilesetPublish && r.StatusCode != 429 && r.Path.Contains("lindenau.roads", StringComparison.Ordinal));
        Assert.Equal(1, Count(EmulatorRoute.TilesetPublish, "POST"));

        Emulator.ClearRequests();
        sandbox.WriteFile("data/parks.geojson", DataProject.ParksGeoJson.Replace("Auenwald", "Auenwald Park", StringComparison.Ordinal));
        var fourth = await sandbox.RunAsync("build", DataProject.WithToken(MtsToken), ApiProperty);

        Assert.True(fourth.ExitCode == 0, fourth.ToString());
        Assert.Single(Emulator.Requests, r => r.Route == EmulatorRoute.TilesetSources);
        Assert.Contains("parks", Emulator.Requests.Single(r => r.Route == EmulatorRoute.TilesetSources).Path, StringComparison.Ordinal);
        Assert.Equal(0, Emulator.Requests.Count(r => r.Route == EmulatorRoute.TilesetRecipes));
        Assert.Single(Emulator.Requests, r => r.Route == EmulatorRoute.TilesetPublish && r.StatusCode != 429 && r.Path.Contains("lindenau.parks", StringComparison.Ordinal));
        Assert.Equal(1, Count(EmulatorRoute.TilesetPublish, "POST"));
    }

    [Fact]
    public async Task A_changed_Name_Description_or_Private_updates_the_tileset_information_without_sending_a_source()
    {
        var sandbox = new Sandbox(Feed, "mts-information");
        sandbox.WriteFile("data/roads.ldgeojson", RoadsExtra);
        sandbox.WriteFile("recipes/roads.json", Recipe(Account, "roads", "roads"));
        Write(sandbox, Source("data/roads.ldgeojson", "roads"), RecipeItem("recipes/roads.json", "roads"));
        var first = await sandbox.RunAsync("build", DataProject.WithToken(MtsToken), ApiProperty);
        Assert.True(first.ExitCode == 0, first.ToString());
        Emulator.ClearRequests();

        Write(sandbox, Source("data/roads.ldgeojson", "roads"),
            RecipeItem("recipes/roads.json", "roads", ("Name", "Streets of Lindenau"), ("Description", "Every street"), ("Private", "false")));
        var second = await sandbox.RunAsync("build", DataProject.WithToken(MtsToken), ApiProperty, "-v:n");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Equal(0, Emulator.Requests.Count(r => r.Route == EmulatorRoute.TilesetSources));
        Assert.Equal(0, Count(EmulatorRoute.TilesetRecipes, "PATCH"));
        Assert.Equal(0, Count(EmulatorRoute.TilesetPublish, "POST"));
        Assert.Single(Emulator.Requests, r => r.Route == EmulatorRoute.Tilesets && r.Method == "PATCH" && r.Path.EndsWith("/lindenau.roads", StringComparison.Ordinal));
        Assert.Contains("updated the name, description and privacy of lindenau.roads", second.Output, StringComparison.Ordinal);
        using var client = new TilesetsClient(MapboxAccessToken.Parse(MtsToken), new TilesetsClientOptions { ApiBaseUrl = Emulator.BaseUrl });
        TilesetInfo? roads = null;
        await foreach (var tileset in client.ListTilesetsAsync())
        {
            roads = tileset.Id == "lindenau.roads" ? tileset : roads;
        }

        Assert.Equal(("Streets of Lindenau", "Every street", "public"), (roads?.Name, roads?.Description, roads?.Visibility));
    }

    [Fact]
    public async Task A_recipe_the_service_refuses_fails_with_MBX4010_naming_the_recipe_and_publishes_nothing()
    {
        var sandbox = new Sandbox(Feed, "mts-refused");
        sandbox.WriteFile("data/roads.geojson", Roads);
        sandbox.WriteFile("recipes/roads.json", Recipe(Account, "roads", "ghost"));
        Write(sandbox, Source("data/roads.geojson", "roads"), RecipeItem("recipes/roads.json", "roads"));

        var result = await sandbox.RunAsync("build", DataProject.WithToken(MtsToken), ApiProperty);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(["MBX4010"], result.ErrorCodes);
        var line = LineWith(result, "error MBX4010");
        Assert.StartsWith(sandbox.PathOf("recipes/roads.json"), line, StringComparison.Ordinal);
        Assert.Contains("ghost", line, StringComparison.Ordinal);
        Assert.Equal(0, Count(EmulatorRoute.TilesetPublish, "POST"));
        Assert.Equal(0, Count(EmulatorRoute.Tilesets, "POST"));
    }

    [Fact]
    public async Task A_failed_job_is_MBX6002_on_the_recipe_line_and_a_job_warning_is_an_MSBuild_warning()
    {
        var sandbox = RoadsAndParks("mts-failed-job");
        Emulator.TilesetProcessing.FailTileset("lindenau.parks", "Polygon ring not closed at feature 7");
        Emulator.TilesetProcessing.WarnTileset("lindenau.roads", TilesetProcessingRules.TileSizeWarning);

        var result = await sandbox.RunAsync("build", DataProject.WithToken(MtsToken), ApiProperty);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(["MBX6002"], result.ErrorCodes);
        Assert.Equal(["MBX6003"], result.WarningCodes);
        var jobs = ManifestJobs(sandbox);
        var error = LineWith(result, "error MBX6002");
        Assert.StartsWith(sandbox.PathOf("recipes/parks.json"), error, StringComparison.Ordinal);
        Assert.Contains("Polygon ring not closed at feature 7", error, StringComparison.Ordinal);
        Assert.Contains($"job {jobs["lindenau.parks"].JobId}", error, StringComparison.Ordinal);
        Assert.Equal(("Failed", "failed"), (jobs["lindenau.parks"].Status, jobs["lindenau.parks"].Stage));
        var warning = LineWith(result, "warning MBX6003");
        Assert.StartsWith(sandbox.PathOf("recipes/roads.json"), warning, StringComparison.Ordinal);
        Assert.Contains("500 KB", warning, StringComparison.Ordinal);
        Assert.Equal(("Succeeded", "success"), (jobs["lindenau.roads"].Status, jobs["lindenau.roads"].Stage));
    }

    [Fact]
    public async Task Eleven_files_in_one_source_are_refused_with_MBX3020_before_any_request()
    {
        var sandbox = new Sandbox(Feed, "mts-eleven");
        var files = Enumerable.Range(1, 11).Select(i => $"data/part{i}.ldgeojson").ToList();
        files.ForEach(file => sandbox.WriteFile(file, RoadsExtra));
        sandbox.WriteFile("recipes/roads.json", Recipe(Account, "roads", "roads"));
        Write(sandbox, [.. files.Select(file => Source(file, "roads")), RecipeItem("recipes/roads.json", "roads")]);

        var result = await sandbox.RunAsync("build", DataProject.WithToken(MtsToken), ApiProperty);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(["MBX3020"], result.ErrorCodes);
        Assert.Contains("11 files", LineWith(result, "error MBX3020"), StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task Invalid_GeoJSON_in_a_source_is_refused_with_its_line_and_column_before_any_request()
    {
        var sandbox = new Sandbox(Feed, "mts-bad-geojson");
        sandbox.WriteFile("data/roads.ldgeojson", RoadsExtra.Replace("\"Feature\",", "\"Feature\"", StringComparison.Ordinal));
        sandbox.WriteFile("recipes/roads.json", Recipe(Account, "roads", "roads"));
        Write(sandbox, Source("data/roads.ldgeojson", "roads"), RecipeItem("recipes/roads.json", "roads"));

        var result = await sandbox.RunAsync("build", DataProject.WithToken(MtsToken), ApiProperty);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(["MBX3020"], result.ErrorCodes);
        Assert.StartsWith(sandbox.PathOf("data/roads.ldgeojson") + "(1,", LineWith(result, "error MBX3020"), StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task Three_tilesets_under_the_publish_limit_of_two_a_minute_all_succeed()
    {
        var sandbox = new Sandbox(Feed, "mts-publish-limit");
        var ids = new[] { "roads-a", "roads-b", "roads-c" };
        WriteTilesetsOnOneSource(sandbox, Account, "roads", ids);

        var result = await sandbox.RunAsync("build", DataProject.WithToken(MtsToken), ApiProperty);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("3 tilesets to publish; Mapbox allows 2 publishes a minute", result.Output, StringComparison.Ordinal);
        var results = Results(result);
        Assert.All(ids, id => Assert.Equal("Succeeded", results[$"{id}.json"].Status));
        Assert.Equal(3, Count(EmulatorRoute.TilesetPublish, "POST"));
        Assert.Equal(0, Emulator.Requests.Count(r => r.StatusCode == 429));
    }
}
