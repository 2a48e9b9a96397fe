using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Build.Tests.Infrastructure;
using Mapbox.Uploads.Emulator;
using Microsoft.Build.Framework;
using TaskItem = Microsoft.Build.Utilities.TaskItem;

namespace Mapbox.Uploads.Build.Tests.TilingService;

/// <summary>
/// The task's Tiling Service path against the in-process emulator, without dotnet build: what a rebuild sends
/// (nothing when sources and recipes are unchanged, even rewritten with the same bytes; one changed source alone and
/// the tilesets whose recipe references it; a changed recipe alone), and a source file that changes after its checks.
/// </summary>
public sealed class MtsTaskTests : IAsyncLifetime, IDisposable
{
    private const string Account = "lindenau";
    private const string Feature = "{\"type\":\"Feature\",\"properties\":{\"name\":\"Karl-Heine-Strasse\"},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[12.33,51.33],[12.34,51.335]]}}";
    private readonly TaskHarness _harness = new();
    private EmulatorServer _emulator = null!;
    private HttpClient _http = null!;
    private Func<HttpRequestMessage, Task>? _beforeSend;

    private static EmulatorOptions FastService() => new EmulatorOptions { TilesetProcessingTime = TimeSpan.FromMilliseconds(100), TilesetPublishesPerMinute = 0, RateLimitPerMinute = 0 };

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync(FastService());
        _http = new HttpClient(new BeforeSendHandler(this) { InnerHandler = new HttpClientHandler() });
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = _emulator.MintToken(Account, EmulatorServer.TilesetScopes.ToArray());
        _harness.Write("data/roads.geojson", "{\"type\":\"FeatureCollection\",\"features\":[" + Feature + "]}");
        _harness.Write("data/roads-extra.ldgeojson", Feature + "\n");
        _harness.Write("data/parks.ldgeojson", Feature.Replace("Karl-Heine-Strasse", "Palmengarten", StringComparison.Ordinal) + "\n");
        _harness.Write("recipes/roads.json", Recipe("roads"));
        _harness.Write("recipes/parks.json", Recipe("parks"));
        _harness.Configure = task =>
        {
            task.Sources = new[] { Source("data/roads.geojson", "roads"), Source("data/roads-extra.ldgeojson", "roads"), Source("data/parks.ldgeojson", "parks") };
            task.Recipes = new[] { RecipeItem("recipes/roads.json", "roads"), RecipeItem("recipes/parks.json", "parks") };
            task.ConfigureTilesetsClient = options =>
            {
                options.PollInterval = TimeSpan.FromMilliseconds(50);
                options.MaxPollInterval = TimeSpan.FromMilliseconds(200);
                options.PaceRequests = false;
                options.HttpClient = _http;
            };
        };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    public void Dispose() => _harness.Dispose();

    private static string Recipe(string sourceId) =>
        $"{{\"version\":1,\"layers\":{{\"{sourceId}\":{{\"source\":\"mapbox://tileset-source/{Account}/{sourceId}\",\"minzoom\":0,\"maxzoom\":10}}}}}}";

    private ITaskItem Source(string relative, string sourceId)
    {
        var item = new TaskItem(Path.Combine(_harness.Directory, relative));
        item.SetMetadata("SourceId", sourceId);
        return item;
    }

    private ITaskItem RecipeItem(string relative, string tilesetId)
    {
        var item = new TaskItem(Path.Combine(_harness.Directory, relative));
        item.SetMetadata("TilesetId", tilesetId);
        return item;
    }

    private (bool Succeeded, FakeBuildEngine Engine, MapboxUpload Task) Build() => _harness.Run(_emulator.BaseUrl.ToString());

    private int Count(EmulatorRoute route, string method, string? pathPart = null) =>
        _emulator.Requests.Count(r => r.Route == route && r.Method == method && (pathPart is null || r.Path.Contains(pathPart, StringComparison.Ordinal)));

    private void FirstBuild()
    {
        var (succeeded, engine, task) = Build();
        Assert.True(succeeded, engine.AllText);
        Assert.Equal("Succeeded", TaskHarness.Metadata(task, "roads.json", "Status"));
        Assert.Equal("Succeeded", TaskHarness.Metadata(task, "parks.json", "Status"));
        _emulator.ClearRequests();
    }

    [Fact]
    public void The_table_shows_each_source_file_as_its_source_and_counts_only_the_recipes_tilesets()
    {
        var (succeeded, engine, _) = Build();

        Assert.True(succeeded, engine.AllText);
        var high = engine.MessagesAt(MessageImportance.High).ToList();
        Assert.StartsWith("5 items for 2 tilesets: 5 Succeeded. Processed ", high[^1], StringComparison.Ordinal);
        Assert.Equal(2, high.Count(line => line.StartsWith("source lindenau/roads ", StringComparison.Ordinal)));
        Assert.Single(high, line => line.StartsWith("source lindenau/parks ", StringComparison.Ordinal));
        Assert.Single(high, line => line.StartsWith("lindenau.roads ", StringComparison.Ordinal) && line.Contains("recipes", StringComparison.Ordinal));
    }

    [Fact]
    public void A_rebuild_with_nothing_changed_sends_nothing_even_when_every_file_is_rewritten_with_the_same_bytes()
    {
        FirstBuild();

        var (unchanged, engine, task) = Build();

        Assert.True(unchanged, engine.AllText);
        Assert.Empty(_emulator.Requests);
        Assert.All(task.Results, result => Assert.Equal("Skipped", result.GetMetadata("Status")));

        var later = DateTime.UtcNow.AddMinutes(1);
        foreach (var file in new[] { "data", "recipes" }.SelectMany(folder => Directory.EnumerateFiles(Path.Combine(_harness.Directory, folder))))
        {
            File.WriteAllBytes(file, File.ReadAllBytes(file));
            File.SetLastWriteTimeUtc(file, later);
        }

        var (rewritten, rewrittenEngine, rewrittenTask) = Build();

        Assert.True(rewritten, rewrittenEngine.AllText);
        Assert.Empty(_emulator.Requests);
        Assert.All(rewrittenTask.Results, result => Assert.Equal("Skipped", result.GetMetadata("Status")));
        Assert.Contains("Mapbox: tileset source 'roads' is unchanged.", rewrittenEngine.MessagesAt(MessageImportance.Low));
        Assert.Contains("Mapbox: tileset source 'parks' is unchanged.", rewrittenEngine.MessagesAt(MessageImportance.Low));
    }

    [Fact]
    public void A_changed_source_goes_up_alone_and_republishes_only_the_tileset_whose_recipe_references_it()
    {
        FirstBuild();
        _harness.Write("data/parks.ldgeojson", Feature.Replace("Karl-Heine-Strasse", "Clara-Zetkin-Park", StringComparison.Ordinal) + "\n");

        var (succeeded, engine, task) = Build();

        Assert.True(succeeded, engine.AllText);
        Assert.Equal(1, Count(EmulatorRoute.TilesetSources, "PUT", "/parks"));
        Assert.Equal(1, _emulator.Requests.Count(r => r.Route == EmulatorRoute.TilesetSources));
        Assert.Equal(0, _emulator.Requests.Count(r => r.Route is EmulatorRoute.TilesetRecipes or EmulatorRoute.Tilesets));
        Assert.Equal(1, Count(EmulatorRoute.TilesetPublish, "POST", "lindenau.parks"));
        Assert.Equal(1, Count(EmulatorRoute.TilesetPublish, "POST"));
        Assert.Equal("Succeeded", TaskHarness.Metadata(task, "parks.json", "Status"));
        Assert.Equal("Skipped", TaskHarness.Metadata(task, "roads.json", "Status"));
        Assert.Contains(engine.MessagesAt(MessageImportance.Normal), m => m.Contains("lindenau.parks publishing from", StringComparison.Ordinal) && m.Contains("its source 'parks' changed", StringComparison.Ordinal));
    }

    [Fact]
    public void A_changed_recipe_alone_is_validated_updated_and_republished_without_sending_a_source()
    {
        FirstBuild();
        _harness.Write("recipes/roads.json", Recipe("roads").Replace("\"maxzoom\":10", "\"maxzoom\":12", StringComparison.Ordinal));

        var (succeeded, engine, task) = Build();

        Assert.True(succeeded, engine.AllText);
        Assert.Equal(0, _emulator.Requests.Count(r => r.Route == EmulatorRoute.TilesetSources));
        Assert.Equal(1, Count(EmulatorRoute.TilesetRecipes, "PUT", "validateRecipe"));
        Assert.Equal(1, Count(EmulatorRoute.TilesetRecipes, "PATCH", "lindenau.roads/recipe"));
        Assert.Equal(1, Count(EmulatorRoute.TilesetPublish, "POST", "lindenau.roads"));
        Assert.Equal(1, Count(EmulatorRoute.TilesetPublish, "POST"));
        Assert.Equal("Skipped", TaskHarness.Metadata(task, "parks.json", "Status"));
    }

    [Fact]
    public void A_changed_name_alone_updates_the_tileset_information_and_starts_no_job_and_a_recipe_change_then_republishes()
    {
        FirstBuild();
        var configure = _harness.Configure!;
        _harness.Configure = task =>
        {
            configure(task);
            task.Recipes[0].SetMetadata("Name", "Streets of Lindenau");
        };

        var (renamed, engine, task) = Build();

        Assert.True(renamed, engine.AllText);
        Assert.Equal(1, Count(EmulatorRoute.Tilesets, "PATCH", "lindenau.roads"));
        Assert.Equal(0, Count(EmulatorRoute.TilesetPublish, "POST"));
        Assert.Equal(0, _emulator.Requests.Count(r => r.Route is EmulatorRoute.TilesetSources or EmulatorRoute.TilesetRecipes));
        Assert.Equal("Succeeded", TaskHarness.Metadata(task, "roads.json", "Status"));
        Assert.Contains(engine.MessagesAt(MessageImportance.High), m => m.Contains("lindenau.roads not republished: only its name", StringComparison.Ordinal));

        _emulator.ClearRequests();
        var (again, againEngine, againTask) = Build();

        Assert.True(again, againEngine.AllText);
        Assert.Empty(_emulator.Requests);
        Assert.Equal("Skipped", TaskHarness.Metadata(againTask, "roads.json", "Status"));

        _harness.Write("recipes/roads.json", Recipe("roads").Replace("\"maxzoom\":10", "\"maxzoom\":12", StringComparison.Ordinal));
        var (changed, changedEngine, _) = Build();

        Assert.True(changed, changedEngine.AllText);
        Assert.Equal(1, Count(EmulatorRoute.TilesetPublish, "POST", "lindenau.roads"));
    }

    [Fact]
    public async Task A_tileset_deleted_on_Mapbox_since_the_last_build_is_created_and_published_again_instead_of_failing()
    {
        FirstBuild();
        var token = _harness.Environment["MAPBOX_ACCESS_TOKEN"];
        using (var deleted = await _http.DeleteAsync(new Uri(_emulator.BaseUrl, $"tilesets/v1/{Account}.roads?access_token={token}")))
        {
            Assert.True(deleted.IsSuccessStatusCode, $"DELETE answered {(int)deleted.StatusCode}");
        }

        _emulator.ClearRequests();
        var configure = _harness.Configure!;
        _harness.Configure = task =>
        {
            configure(task);
            task.Recipes[0].SetMetadata("Name", "Streets of Lindenau");
        };

        var (succeeded, engine, task) = Build();

        // A name change alone would only PATCH; the tileset is gone, so it is made again and gets tiles from a job.
        Assert.True(succeeded, engine.AllText);
        Assert.Equal(1, Count(EmulatorRoute.Tilesets, "PATCH", "lindenau.roads"));
        Assert.Equal(1, Count(EmulatorRoute.Tilesets, "POST", "lindenau.roads"));
        Assert.Equal(1, Count(EmulatorRoute.TilesetPublish, "POST", "lindenau.roads"));
        Assert.Equal("Succeeded", TaskHarness.Metadata(task, "roads.json", "Status"));
        Assert.Contains(engine.MessagesAt(MessageImportance.High), m => m.Contains("lindenau.roads was published by an earlier build but is not on Mapbox any more", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Stamps_made_against_another_service_do_not_count_as_tilesets_this_service_has()
    {
        FirstBuild();
        await using var other = await EmulatorServer.StartAsync(FastService());
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = other.MintToken(Account, EmulatorServer.TilesetScopes.ToArray());

        var (succeeded, engine, task) = _harness.Run(other.BaseUrl.ToString());

        Assert.True(succeeded, engine.AllText);
        Assert.Equal(2, other.Requests.Count(r => r.Route == EmulatorRoute.Tilesets && r.Method == "POST"));
        Assert.Equal(2, other.Requests.Count(r => r.Route == EmulatorRoute.TilesetPublish && r.Method == "POST"));
        Assert.DoesNotContain(other.Requests, r => r.StatusCode == 404 && r.Method != "GET");
        Assert.Equal("Succeeded", TaskHarness.Metadata(task, "roads.json", "Status"));
        Assert.Equal("Succeeded", TaskHarness.Metadata(task, "parks.json", "Status"));
    }

    [Fact]
    public void A_source_file_changed_after_its_checks_is_MBX3008_on_that_file_and_nothing_is_published_from_the_source()
    {
        var extra = Path.Combine(_harness.Directory, "data", "roads-extra.ldgeojson");
        _beforeSend = request =>
        {
            if (request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/sources/lindenau/roads", StringComparison.Ordinal))
            {
                File.AppendAllText(extra, Feature + "\n");
            }

            return Task.CompletedTask;
        };

        var (succeeded, engine, task) = Build();

        Assert.False(succeeded);
        var error = Assert.Single(engine.Errors);
        Assert.Equal(("MBX3008", extra), (error.Code, error.File));
        Assert.Contains("tileset source 'roads'", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, Count(EmulatorRoute.TilesetPublish, "POST", "lindenau.roads"));
        Assert.Equal(0, Count(EmulatorRoute.Tilesets, "POST", "lindenau.roads"));
        Assert.Equal(1, Count(EmulatorRoute.TilesetPublish, "POST", "lindenau.parks"));
        Assert.Contains(engine.MessagesAt(MessageImportance.High), m => m.Contains("lindenau.roads was not published, because its source 'roads' did not go up", StringComparison.Ordinal));
        Assert.Equal("Failed", TaskHarness.Metadata(task, "roads-extra.ldgeojson", "Status"));
        Assert.Equal("Succeeded", TaskHarness.Metadata(task, "parks.json", "Status"));
    }

    /// <summary>Runs the test's hook on each request before it leaves, as another process touching a file would.</summary>
    private sealed class BeforeSendHandler : DelegatingHandler
    {
        private readonly MtsTaskTests _test;

        public BeforeSendHandler(MtsTaskTests test) => _test = test;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (_test._beforeSend is { } hook)
            {
                await hook(request);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
