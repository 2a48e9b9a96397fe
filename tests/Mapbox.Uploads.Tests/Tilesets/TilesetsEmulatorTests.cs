using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Tests.Validation;

namespace Mapbox.Uploads.Tests.Tilesets;

/// <summary>The tilesets client against the emulator's Tiling Service routes, end to end on 127.0.0.1.</summary>
public class TilesetsEmulatorTests : IDisposable
{
    private const string Feature = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[13.4,52.5]},\"properties\":{\"name\":\"a\"}}";
    private static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(30);
    private readonly TempFiles _files = new();

    private static string Recipe(string user, string sourceId) =>
        $"{{\"version\":1,\"layers\":{{\"roads\":{{\"source\":\"mapbox://tileset-source/{user}/{sourceId}\",\"minzoom\":0,\"maxzoom\":5}}}}}}";

    internal static TilesetsClient Client(EmulatorServer emulator, string token, bool pace = true) => new(MapboxAccessToken.Parse(token), new TilesetsClientOptions
    {
        ApiBaseUrl = emulator.BaseUrl,
        PollInterval = TimeSpan.FromMilliseconds(50),
        MaxPollInterval = TimeSpan.FromMilliseconds(200),
        PaceRequests = pace,
        Retry = new RetryOptions { MaxAttempts = 3, InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) },
    });

    [Fact]
    public async Task Source_recipe_tileset_publish_and_job_until_success()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { TilesetProcessingTime = TimeSpan.FromMilliseconds(200) });
        using var client = Client(emulator, emulator.MintToken("alice", EmulatorServer.TilesetScopes.ToArray()));
        var collection = _files.WriteText("roads.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\n" + Feature + ",\n" + Feature + "]}");
        var extra = _files.WriteText("extra.ldgeojson", Feature + "\n");
        var roads = new TilesetId("alice", "roads");

        var uploaded = await client.UploadSourceAsync("roads", new[] { collection, extra });
        var validation = await client.ValidateRecipeAsync(Recipe("alice", "roads"));
        await client.CreateTilesetAsync(roads, new NewTileset(Recipe("alice", "roads"), "City roads"));
        var published = await client.PublishAsync(roads);
        var job = await client.WaitForJobAsync(roads, published.JobId, WaitBound);
        var jobs = await TilesetsClientCallTests.ToListAsync(client.ListJobsAsync(roads));
        var sources = await TilesetsClientCallTests.ToListAsync(client.ListSourcesAsync());
        var tilesets = await TilesetsClientCallTests.ToListAsync(client.ListTilesetsAsync());

        Assert.Equal(2, uploaded[^1].Files);
        Assert.Equal("mapbox://tileset-source/alice/roads", uploaded[0].Id);
        Assert.True(validation.Valid, string.Join("; ", validation.Errors));
        Assert.Equal(TilesetJobStages.Success, job.Stage);
        Assert.Equal(3, job.LayerStats!.Value.GetProperty("roads").GetProperty("total_features").GetInt32());
        Assert.NotEmpty(job.TilesetPrecisions!);
        // The job's filesize is the source it processed, as the service holds it (converted to line-delimited GeoJSON).
        Assert.Equal(uploaded[^1].SourceSize, job.Filesize);
        Assert.Equal(Feature.Length * 3 + 3, job.Filesize);
        // The emulator's made-up compute units: 0.3 a job, 0.1 per megabyte, 0.001 per feature.
        Assert.Equal(Math.Round(0.3 + job.Filesize!.Value / 1e7 + 3 * 0.001, 3), job.ComputeUnits);
        Assert.Equal(job.ComputeUnits, Assert.Single(jobs).ComputeUnits);
        Assert.Equal(published.JobId, Assert.Single(jobs).Id);
        Assert.Equal("mapbox://tileset-source/alice/roads", Assert.Single(sources).Id);
        Assert.Equal("available", Assert.Single(tilesets).Status);

        await client.DeleteTilesetAsync(roads);
        await client.DeleteSourceAsync("roads");
        Assert.Empty(await TilesetsClientCallTests.ToListAsync(client.ListSourcesAsync()));
        Assert.All(emulator.Requests, r => Assert.True(r.StatusCode < 400, $"{r.Method} {r.Path} answered {r.StatusCode}"));
    }

    [Fact]
    public async Task Rules_fail_a_job_or_add_a_warning_and_an_invalid_recipe_is_reported()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { TilesetProcessingTime = TimeSpan.Zero, TilesetPublishesPerMinute = 0 });
        emulator.TilesetProcessing.FailTileset("broken", "Layer roads: invalid geometry");
        emulator.TilesetProcessing.WarnTileset("warned", TilesetProcessingRules.TileSizeWarning);
        using var client = Client(emulator, emulator.MintToken("alice", EmulatorServer.TilesetScopes.ToArray()), pace: false);
        await client.UploadSourceAsync("roads", new[] { _files.WriteText("a.ldgeojson", Feature + "\n") });

        var invalid = await client.ValidateRecipeAsync("{\"version\":1,\"layers\":{\"roads\":{\"source\":\"mapbox://tileset-source/alice/missing\",\"minzoom\":0,\"maxzoom\":20}}}");
        var broken = await PublishAndWaitAsync(client, new TilesetId("alice", "broken"));
        var warned = await PublishAndWaitAsync(client, new TilesetId("alice", "warned"));

        Assert.False(invalid.Valid);
        Assert.Contains(invalid.Errors, e => e.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(invalid.Errors, e => e.Contains("maxzoom", StringComparison.Ordinal));
        Assert.Equal(TilesetJobStages.Failed, broken.Stage);
        Assert.Equal(new[] { "Layer roads: invalid geometry" }, broken.Errors);
        Assert.Equal(TilesetJobStages.Success, warned.Stage);
        Assert.Equal(new[] { TilesetProcessingRules.TileSizeWarning }, warned.Warnings);
    }

    [Fact]
    public async Task A_running_job_locks_its_source_and_a_later_publish_supersedes_the_queued_one()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { TilesetProcessingTime = TimeSpan.FromMinutes(10), TilesetPublishesPerMinute = 0 });
        using var client = Client(emulator, emulator.MintToken("alice", EmulatorServer.TilesetScopes.ToArray()), pace: false);
        var file = _files.WriteText("a.ldgeojson", Feature + "\n");
        await client.UploadSourceAsync("roads", new[] { file });
        var roads = new TilesetId("alice", "roads");
        await client.CreateTilesetAsync(roads, new NewTileset(Recipe("alice", "roads"), "roads"));

        var running = await client.PublishAsync(roads);
        var queued = await client.PublishAsync(roads);
        var latest = await client.PublishAsync(roads);
        var locked = await Assert.ThrowsAsync<MapboxApiException>(() => client.ReplaceSourceAsync("roads", file));
        var exists = await Assert.ThrowsAsync<MapboxApiException>(() => client.CreateTilesetAsync(roads, new NewTileset(Recipe("alice", "roads"), "roads")));

        Assert.Equal(TilesetJobStages.Processing, (await client.GetJobAsync(roads, running.JobId)).Stage);
        Assert.Equal(TilesetJobStages.Superseded, (await client.GetJobAsync(roads, queued.JobId)).Stage);
        Assert.Equal(TilesetJobStages.Queued, (await client.GetJobAsync(roads, latest.JobId)).Stage);
        Assert.Equal(1, (await client.GetQueueAsync()).Total);
        Assert.Equal((409, "Resource is locked"), (locked.StatusCode, locked.ServiceMessage));
        Assert.Equal((400, "Tileset already exists"), (exists.StatusCode, exists.ServiceMessage));
    }

    [Fact]
    public async Task At_most_five_jobs_queue_per_account()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { TilesetProcessingTime = TimeSpan.FromMinutes(10), TilesetPublishesPerMinute = 0 });
        using var client = Client(emulator, emulator.MintToken("alice", EmulatorServer.TilesetScopes.ToArray()), pace: false);
        await client.UploadSourceAsync("roads", new[] { _files.WriteText("a.ldgeojson", Feature + "\n") });
        for (var i = 0; i < 6; i++)
        {
            var tileset = new TilesetId("alice", "t" + i);
            await client.CreateTilesetAsync(tileset, new NewTileset(Recipe("alice", "roads"), "t"));
            await client.PublishAsync(tileset);
        }

        for (var i = 0; i < 5; i++)
        {
            await client.PublishAsync(new TilesetId("alice", "t" + i));
        }

        var full = await Assert.ThrowsAsync<MapboxApiException>(() => client.PublishAsync(new TilesetId("alice", "t5")));
        var replacing = await client.PublishAsync(new TilesetId("alice", "t0"));

        Assert.Equal(422, full.StatusCode);
        Assert.NotEmpty(replacing.JobId);
        Assert.Equal(5, (await client.GetQueueAsync()).Total);
    }

    [Fact]
    public async Task Publishing_past_two_a_minute_answers_429_with_the_limit_headers_unless_the_client_paces()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { TilesetProcessingTime = TimeSpan.Zero });
        var token = emulator.MintToken("alice", EmulatorServer.TilesetScopes.ToArray());
        using var client = Client(emulator, token, pace: false);
        await client.UploadSourceAsync("roads", new[] { _files.WriteText("a.ldgeojson", Feature + "\n") });
        await client.CreateTilesetAsync(new TilesetId("alice", "roads"), new NewTileset(Recipe("alice", "roads"), "roads"));
        using var http = new HttpClient();
        var publish = new Uri(emulator.BaseUrl, "tilesets/v1/alice.roads/publish?access_token=" + token);

        var answers = new[] { await http.PostAsync(publish, null), await http.PostAsync(publish, null), await http.PostAsync(publish, null) };

        Assert.Equal(new[] { HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests }, answers.Select(a => a.StatusCode));
        Assert.Equal("2", answers[2].Headers.GetValues("X-Rate-Limit-Limit").Single());
        Assert.Equal("60", answers[2].Headers.GetValues("X-Rate-Limit-Interval").Single());
        Assert.True(answers[2].Headers.Contains("X-Rate-Limit-Reset"));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(emulator.BaseUrl, "tilesets/v1/sources/alice?access_token=" + token))).StatusCode);
    }

    [Fact]
    public async Task Several_tilesets_published_at_once_all_succeed_behind_the_limit_without_a_refusal()
    {
        // A 2 s window keeps the test short; the client learns it from the X-Rate-Limit-* headers.
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { TilesetProcessingTime = TimeSpan.Zero, RateLimitWindow = TimeSpan.FromSeconds(2) });
        using var client = Client(emulator, emulator.MintToken("alice", EmulatorServer.TilesetScopes.ToArray()));
        await client.UploadSourceAsync("roads", new[] { _files.WriteText("a.ldgeojson", Feature + "\n") });
        var tilesets = Enumerable.Range(0, 5).Select(i => new TilesetId("alice", "many" + i)).ToArray();
        foreach (var tileset in tilesets)
        {
            await client.CreateTilesetAsync(tileset, new NewTileset(Recipe("alice", "roads"), tileset.Id));
        }

        // The first answer teaches the client the window; turns already reserved are not shortened afterwards.
        var first = await client.PublishAsync(tilesets[0]);
        var published = new[] { first }.Concat(await Task.WhenAll(tilesets.Skip(1).Select(t => client.PublishAsync(t)))).ToArray();
        var results = await client.WaitForJobsAsync(tilesets.Zip(published, (t, p) => (t, p.JobId)), WaitBound);

        Assert.All(results, r => Assert.True(r.Succeeded, r.Job?.ToString()));
        Assert.DoesNotContain(emulator.Requests, r => r.StatusCode == 429);
    }

    [Fact]
    public async Task A_token_without_the_scope_is_refused_with_the_documented_message_and_faults_apply()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var readOnly = Client(emulator, emulator.MintToken("alice", "tilesets:read"));
        using var writer = Client(emulator, emulator.MintToken("alice", EmulatorServer.TilesetScopes.ToArray()));
        var refused = await Assert.ThrowsAsync<MapboxApiException>(() => readOnly.DeleteSourceAsync("roads"));
        emulator.Faults.FailNext(EmulatorRoute.TilesetSources, times: 1, statusCode: 503);
        var missing = await Assert.ThrowsAsync<MapboxApiException>(() => writer.GetSourceAsync("roads"));

        Assert.Equal(403, refused.StatusCode);
        Assert.Equal("This endpoint requires a token with tilesets:write scope", refused.ServiceMessage);
        Assert.Equal(404, missing.StatusCode);
        Assert.Equal(new[] { 503, 404 }, emulator.Requests.Where(r => r.Route == EmulatorRoute.TilesetSources && r.Method == "GET").Select(r => r.StatusCode));
    }

    public void Dispose() => _files.Dispose();

    private async Task<TilesetJob> PublishAndWaitAsync(TilesetsClient client, TilesetId tileset)
    {
        await client.CreateTilesetAsync(tileset, new NewTileset(Recipe("alice", "roads"), tileset.Id));
        var published = await client.PublishAsync(tileset);
        return await client.WaitForJobAsync(tileset, published.JobId, WaitBound);
    }
}
