using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Tests.Validation;

namespace Mapbox.Uploads.Tests.Tilesets;

/// <summary>The client's changeset calls and publish-changesets against the emulator, in process on 127.0.0.1.</summary>
public class ChangesetClientTests : IAsyncLifetime
{
    private static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(30);
    private static readonly TilesetId Trails = new("alice", "trails");
    private readonly TempFiles _files = new();
    private EmulatorServer _emulator = null!;
    private TilesetsClient _client = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { TilesetProcessingTime = TimeSpan.FromMilliseconds(50), TilesetPublishesPerMinute = 0 });
        _client = Client(_emulator.MintToken("alice", EmulatorServer.TilesetScopes.ToArray()));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
        _files.Dispose();
    }

    private TilesetsClient Client(string token) => new(MapboxAccessToken.Parse(token), new TilesetsClientOptions
    {
        ApiBaseUrl = _emulator.BaseUrl,
        PollInterval = TimeSpan.FromMilliseconds(20),
        MaxPollInterval = TimeSpan.FromMilliseconds(100),
        PaceRequests = false,
        Retry = new RetryOptions { MaxAttempts = 3, InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) },
    });

    private static string Feature(int id, string name) =>
        $"{{\"type\":\"Feature\",\"id\":{id},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[13.4,52.5]}},\"properties\":{{\"name\":\"{name}\"}}}}";

    private static string Recipe(int maxzoom = 12) =>
        $"{{\"version\":1,\"incremental\":true,\"layers\":{{\"trails\":{{\"source\":\"mapbox://tileset-source/alice/trails\",\"minzoom\":0,\"maxzoom\":{maxzoom}}}}}}}";

    private string File(string name, params string[] lines) => _files.WriteText(name, string.Join("\n", lines) + "\n");

    [Fact]
    public async Task Initial_then_a_changeset_job_updates_the_features_and_the_changeset_is_managed_by_id()
    {
        await _client.UploadSourceAsync("trails", new[] { File("trails.ldgeojson", Feature(1, "a"), Feature(2, "b")) });
        await _client.CreateTilesetAsync(Trails, new NewTileset(Recipe(), "Trails"));
        var initial = await _client.PublishAsync(Trails);
        Assert.Equal(IncrementalPublishes.Initial, initial.Incremental);
        Assert.True((await _client.WaitForJobAsync(Trails, initial.JobId, WaitBound)).Stage == TilesetJobStages.Success);

        var changes = File("changes.ldgeojson", Feature(2, "b2"), "{\"id\":1,\"delete\":true}");
        var appended = await _client.UploadChangesetAsync("trails-1", changes, replace: false);
        var replaced = await _client.UploadChangesetAsync("trails-1", changes, replace: true, expectedSha256: Sha256(changes));
        var viewed = await _client.GetChangesetAsync("trails-1");
        var listed = await TilesetsClientCallTests.ToListAsync(_client.ListChangesetsAsync(sortBy: "modified", limit: 1));
        var published = await _client.PublishChangesetsAsync(Trails, new Dictionary<string, string> { ["trails"] = "trails-1" });
        var job = await _client.WaitForJobAsync(Trails, published.JobId, WaitBound);
        await _client.DeleteChangesetAsync("trails-1");

        Assert.Equal(("mapbox://tileset-changeset/alice/trails-1", 1), (appended.Id, appended.Files));
        Assert.Equal((1, replaced.FileSize), (replaced.Files, replaced.SourceSize));
        Assert.Equal((appended.Id, 1, replaced.SourceSize), (viewed.Id, viewed.Files, viewed.Size));
        Assert.Equal(appended.Id, Assert.Single(listed).Id);
        Assert.Null(published.Incremental);
        Assert.Equal(TilesetJobStages.Success, job.Stage);
        Assert.Equal(new[] { Feature(2, "b2") }, _emulator.TilesetFeatures(Trails.ToString())!["trails"]);
        Assert.Empty(await TilesetsClientCallTests.ToListAsync(_client.ListChangesetsAsync()));
        Assert.Equal(IncrementalPublishes.Reset, (await _client.PublishAsync(Trails)).Incremental);
        Assert.Contains(_emulator.Requests, r => r.Route == EmulatorRoute.TilesetChangesets && r.Method == "PUT");
    }

    [Fact]
    public async Task Each_documented_refusal_is_typed_so_the_task_reads_no_message_text()
    {
        await _client.UploadSourceAsync("trails", new[] { File("trails.ldgeojson", Feature(1, "a")) });
        await _client.UploadChangesetAsync("change", File("change.ldgeojson", Feature(1, "b")), replace: true);
        await _client.UploadChangesetAsync("empty", _files.WriteText("empty.ldgeojson", string.Empty), replace: true);
        await _client.CreateTilesetAsync(Trails, new NewTileset(Recipe(), "Trails"));
        var layers = new Dictionary<string, string> { ["trails"] = "change" };

        var notIncremental = await Assert.ThrowsAsync<MapboxApiException>(() => _client.PublishChangesetsAsync(Trails, layers));
        await _client.WaitForJobAsync(Trails, (await _client.PublishAsync(Trails)).JobId, WaitBound);
        var unknownLayer = await Assert.ThrowsAsync<MapboxApiException>(() => _client.PublishChangesetsAsync(Trails, new Dictionary<string, string> { ["roads"] = "change" }));
        var missing = await Assert.ThrowsAsync<MapboxApiException>(() => _client.PublishChangesetsAsync(Trails, new Dictionary<string, string> { ["trails"] = "missing" }));
        var empty = await Assert.ThrowsAsync<MapboxApiException>(() => _client.PublishChangesetsAsync(Trails, new Dictionary<string, string> { ["trails"] = "empty" }));
        await _client.UpdateRecipeAsync(Trails, Recipe(maxzoom: 14));
        var recipeChanged = await Assert.ThrowsAsync<MapboxApiException>(() => _client.PublishChangesetsAsync(Trails, layers));
        var notFound = await Assert.ThrowsAsync<MapboxApiException>(() => _client.GetChangesetAsync("missing"));

        Assert.Equal((404, ChangesetRefusal.NotIncremental), (notIncremental.StatusCode, notIncremental.ChangesetRefusal));
        Assert.Equal((400, ChangesetRefusal.LayerOrChangesetUnknown), (unknownLayer.StatusCode, unknownLayer.ChangesetRefusal));
        Assert.Equal((400, ChangesetRefusal.LayerOrChangesetUnknown), (missing.StatusCode, missing.ChangesetRefusal));
        Assert.Equal((422, ChangesetRefusal.AllLayersEmpty), (empty.StatusCode, empty.ChangesetRefusal));
        Assert.Equal((400, ChangesetRefusal.RecipeChanged), (recipeChanged.StatusCode, recipeChanged.ChangesetRefusal));
        Assert.Contains("publish the whole tileset (a reset)", recipeChanged.Message, StringComparison.Ordinal);
        Assert.Equal((404, MapboxApiFailure.NotFound, (ChangesetRefusal?)null), (notFound.StatusCode, notFound.Failure, notFound.ChangesetRefusal));
    }

    [Fact]
    public async Task An_account_without_incremental_updates_and_a_changeset_over_its_limits_are_told_apart()
    {
        await using var disabled = await EmulatorServer.StartAsync(new EmulatorOptions { IncrementalUpdates = false });
        using var client = new TilesetsClient(MapboxAccessToken.Parse(disabled.MintToken("alice", EmulatorServer.TilesetScopes.ToArray())), new TilesetsClientOptions { ApiBaseUrl = disabled.BaseUrl, PaceRequests = false });
        var file = File("change.ldgeojson", Feature(1, "a"));
        for (var i = 0; i < 10; i++)
        {
            await _client.UploadChangesetAsync("full", file, replace: false);
        }

        var notEnabled = await Assert.ThrowsAsync<MapboxApiException>(() => client.UploadChangesetAsync("change", file, replace: false));
        var tooMany = await Assert.ThrowsAsync<MapboxApiException>(() => _client.UploadChangesetAsync("full", file, replace: false));
        var scopeMissing = await Assert.ThrowsAsync<MapboxApiException>(() => Client(_emulator.MintToken("alice", "tilesets:read")).UploadChangesetAsync("c", file, replace: false));

        Assert.Equal((403, ChangesetRefusal.IncrementalNotEnabled), (notEnabled.StatusCode, notEnabled.ChangesetRefusal));
        Assert.Contains("not enabled for this account", notEnabled.Message, StringComparison.Ordinal);
        Assert.Equal((422, "A changeset holds at most 10 files."), (tooMany.StatusCode, tooMany.ServiceMessage));
        Assert.Equal((MapboxApiFailure.ScopeMissing, (ChangesetRefusal?)null), (scopeMissing.Failure, scopeMissing.ChangesetRefusal));
    }

    [Fact]
    public async Task Bad_ids_and_files_are_refused_before_any_request()
    {
        var geojson = _files.WriteText("change.geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}");
        var ld = File("change.ldgeojson", Feature(1, "a"));

        Assert.Contains("not 1 to 32", Assert.Throws<ArgumentException>(() => { _ = _client.UploadChangesetAsync("bad id", ld, replace: false); }).Message, StringComparison.Ordinal);
        Assert.Contains("line-delimited GeoJSON", Assert.Throws<ArgumentException>(() => { _ = _client.UploadChangesetAsync("ok", geojson, replace: false); }).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => { _ = _client.PublishChangesetsAsync(Trails, new Dictionary<string, string>()); });
        Assert.Throws<ArgumentException>(() => { _ = _client.PublishChangesetsAsync(Trails, new Dictionary<string, string> { ["trails"] = new string('x', 33) }); });
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = _client.ListChangesetsAsync(sortBy: "size"); });
        Assert.Equal("mapbox://tileset-changeset/alice/c-1", ChangesetIds.ToUri("alice", "c-1"));
        Assert.Null(ChangesetIds.Check("c_1-A"));
        Assert.Empty(_emulator.Requests);
    }

    private static string Sha256(string path)
    {
        using var sha = System.Security.Cryptography.SHA256.Create();
        return Convert.ToHexString(sha.ComputeHash(System.IO.File.ReadAllBytes(path))).ToLowerInvariant();
    }
}
