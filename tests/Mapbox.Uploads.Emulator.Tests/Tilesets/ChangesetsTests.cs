using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests.Tilesets;

/// <summary>
/// The emulator's incremental updates over plain HTTP, in the request shapes of the <c>tilesets</c> CLI: changesets,
/// the <c>incremental</c> recipe flag and publish answers, publish-changesets and its refusals, and the feature view.
/// </summary>
public class ChangesetsTests : IAsyncLifetime
{
    private const string User = "alice";
    private const string Tileset = "alice.trails";
    private EmulatorServer _emulator = null!;
    private HttpClient _http = null!;
    private string _token = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { TilesetProcessingTime = TimeSpan.Zero, TilesetPublishesPerMinute = 0, RateLimitPerMinute = 0 });
        _http = new HttpClient { BaseAddress = _emulator.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        _token = _emulator.MintToken(User, EmulatorServer.TilesetScopes.ToArray());
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    internal static string Feature(object id, string name) =>
        $"{{\"type\":\"Feature\",\"id\":{JsonSerializer.Serialize(id)},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[13.4,52.5]}},\"properties\":{{\"name\":\"{name}\"}}}}";

    internal static string Delete(object id) => $"{{\"id\":{JsonSerializer.Serialize(id)},\"delete\":true}}";

    private static string Recipe(bool incremental = true, int maxzoom = 12, string layers = "trails") =>
        "{\"version\":1," + (incremental ? "\"incremental\":true," : string.Empty) + "\"layers\":{"
        + string.Join(",", layers.Split(',').Select(l => $"\"{l}\":{{\"source\":\"mapbox://tileset-source/{User}/{l}\",\"minzoom\":0,\"maxzoom\":{maxzoom}}}"))
        + "}}";

    [Fact]
    public async Task Initial_changeset_and_reset_leave_the_features_the_tiles_would_hold()
    {
        await SendFileAsync(HttpMethod.Put, "sources", "trails", Lines(Feature(1, "a"), Feature(2, "b"), Feature(3, "c")));
        await CreateTilesetAsync(Recipe());

        var initial = await PublishAsync();
        Assert.Equal("initial", initial.GetProperty("incremental").GetString());
        Assert.Equal("success", (await JobAsync(initial)).GetProperty("stage").GetString());
        Assert.Equal(new[] { Feature(1, "a"), Feature(2, "b"), Feature(3, "c") }, Layer("trails"));

        var upload = await SendFileAsync(HttpMethod.Post, "changesets", "trails-1", Lines(Feature(2, "b2"), Delete(3), Feature(4, "d")));
        Assert.Equal("mapbox://tileset-changeset/alice/trails-1", upload.GetProperty("id").GetString());
        Assert.Equal(1, upload.GetProperty("files").GetInt32());
        var changed = await PublishChangesetsAsync("{\"layers\":{\"trails\":{\"changeset\":\"mapbox://tileset-changeset/alice/trails-1\"}}}");
        Assert.False(changed.TryGetProperty("incremental", out _));
        var changeJob = await JobAsync(changed);
        Assert.Equal("success", changeJob.GetProperty("stage").GetString());
        Assert.Equal(3, changeJob.GetProperty("layer_stats").GetProperty("trails").GetProperty("total_features").GetInt32());
        Assert.Equal(new[] { Feature(1, "a"), Feature(2, "b2"), Feature(4, "d") }, Layer("trails"));

        await SendFileAsync(HttpMethod.Put, "sources", "trails", Lines(Feature(9, "z")));
        var reset = await PublishAsync();
        Assert.Equal("reset", reset.GetProperty("incremental").GetString());
        await JobAsync(reset);
        Assert.Equal(new[] { Feature(9, "z") }, Layer("trails"));
    }

    [Fact]
    public async Task Duplicate_ids_are_dropped_with_W204_in_a_source_and_in_a_changeset()
    {
        await SendFileAsync(HttpMethod.Put, "sources", "trails", Lines(Feature(1, "a"), Feature(1, "again"), Feature("1", "string id")));
        await CreateTilesetAsync(Recipe());
        var initial = await JobAsync(await PublishAsync());
        Assert.Contains(initial.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("W204: Layer trails: 1 feature", StringComparison.Ordinal));
        Assert.Equal(new[] { Feature(1, "a"), Feature("1", "string id") }, Layer("trails"));

        await SendFileAsync(HttpMethod.Post, "changesets", "dups", Lines(Feature(5, "first"), Feature(5, "second"), Delete(5)));
        var job = await JobAsync(await PublishChangesetsAsync(Body(("trails", "dups"))));
        Assert.Equal("success", job.GetProperty("stage").GetString());
        Assert.Contains(job.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("W204: Layer trails: 2 feature", StringComparison.Ordinal));
        Assert.Equal(new[] { Feature(1, "a"), Feature("1", "string id"), Feature(5, "first") }, Layer("trails"));
    }

    [Fact]
    public async Task Publish_changesets_refuses_as_documented()
    {
        await SendFileAsync(HttpMethod.Put, "sources", "trails", Lines(Feature(1, "a")));
        await SendFileAsync(HttpMethod.Post, "changesets", "change", Lines(Feature(1, "b")));
        await SendFileAsync(HttpMethod.Post, "changesets", "empty", "\n");

        await AssertRefusedAsync(400, "does not exist", "alice.nothing", Body(("trails", "change")));
        await CreateTilesetAsync(Recipe());
        await AssertRefusedAsync(404, "not been published as incremental", Tileset, Body(("trails", "change")));
        await JobAsync(await PublishAsync());

        await AssertRefusedAsync(400, "\"layers\" must be an object", Tileset, "{}");
        await AssertRefusedAsync(400, "\"layers\" must be an object", Tileset, "{\"layers\":[]}");
        await AssertRefusedAsync(400, "has no \"changeset\"", Tileset, "{\"layers\":{\"trails\":{}}}");
        await AssertRefusedAsync(400, "Layer roads does not exist", Tileset, Body(("roads", "change")));
        await AssertRefusedAsync(400, "tileset-changeset/alice/missing does not exist", Tileset, Body(("trails", "missing")));
        await AssertRefusedAsync(422, "All update layers are empty", Tileset, Body(("trails", "empty")));

        using (var patch = new HttpRequestMessage(HttpMethod.Patch, Path($"/{Tileset}/recipe")) { Content = Json(Recipe(maxzoom: 14)) })
        using (var patched = await _http.SendAsync(patch))
        {
            Assert.Equal(204, (int)patched.StatusCode);
        }
        await AssertRefusedAsync(400, "recipe has changed", Tileset, Body(("trails", "change")));
        Assert.Equal("reset", (await PublishAsync()).GetProperty("incremental").GetString());
    }

    [Fact]
    public async Task A_tileset_whose_last_publish_was_not_incremental_takes_no_changeset()
    {
        await SendFileAsync(HttpMethod.Put, "sources", "trails", Lines(Feature(1, "a")));
        await SendFileAsync(HttpMethod.Post, "changesets", "change", Lines(Feature(1, "b")));
        await CreateTilesetAsync(Recipe(incremental: false));
        var plain = await PublishAsync();
        Assert.False(plain.TryGetProperty("incremental", out _));
        await JobAsync(plain);
        Assert.Equal(new[] { Feature(1, "a") }, Layer("trails"));

        await AssertRefusedAsync(404, "not been published as incremental", Tileset, Body(("trails", "change")));
    }

    [Fact]
    public async Task Changesets_follow_the_source_rules_and_are_listed_viewed_and_deleted()
    {
        for (var i = 0; i < 10; i++)
        {
            await SendFileAsync(HttpMethod.Post, "changesets", "big", Lines(Feature(i, "x")));
        }
        using (var eleventh = await SendRawAsync(HttpMethod.Post, "changesets", "big", Lines(Feature(11, "x"))))
        {
            Assert.Equal(422, (int)eleventh.StatusCode);
            Assert.Contains("at most 10 files", (await ReadAsync(eleventh)).GetProperty("error").GetString(), StringComparison.Ordinal);
        }
        using (var badId = await SendRawAsync(HttpMethod.Post, "changesets", "not.valid", Lines(Feature(1, "x"))))
        {
            Assert.Equal(422, (int)badId.StatusCode);
            Assert.Contains("changeset id", (await ReadAsync(badId)).GetProperty("error").GetString(), StringComparison.Ordinal);
        }
        var replaced = await SendFileAsync(HttpMethod.Put, "changesets", "big", Lines(Feature(1, "y")));
        Assert.Equal(1, replaced.GetProperty("files").GetInt32());
        Assert.Equal(replaced.GetProperty("file_size").GetInt64(), replaced.GetProperty("source_size").GetInt64());
        await SendFileAsync(HttpMethod.Post, "changesets", "small", Lines(Feature(1, "y")));

        using (var view = await _http.GetAsync(Path("/changesets/alice/big")))
        {
            var changeset = await ReadAsync(view);
            Assert.Equal("mapbox://tileset-changeset/alice/big", changeset.GetProperty("id").GetString());
            Assert.Equal(1, changeset.GetProperty("files").GetInt32());
            Assert.Equal(replaced.GetProperty("source_size").GetInt64(), changeset.GetProperty("size").GetInt64());
        }
        using (var page = await _http.GetAsync(Path("/changesets/alice", "&limit=1&sortby=created")))
        {
            Assert.Single((await ReadAsync(page)).EnumerateArray());
            Assert.Contains("rel=\"next\"", page.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        }
        using (var deleted = await _http.DeleteAsync(Path("/changesets/alice/big")))
        {
            Assert.Equal(204, (int)deleted.StatusCode);
        }
        using (var gone = await _http.GetAsync(Path("/changesets/alice/big")))
        {
            Assert.Equal(404, (int)gone.StatusCode);
        }
        using var all = await _http.GetAsync(Path("/changesets/alice"));
        Assert.Equal(new[] { "mapbox://tileset-changeset/alice/small" }, (await ReadAsync(all)).EnumerateArray().Select(c => c.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task An_injected_changeset_failure_fails_the_job_and_leaves_the_features()
    {
        _emulator.TilesetProcessing.FailChangesets("trails", "Changeset processing failed");
        await SendFileAsync(HttpMethod.Put, "sources", "trails", Lines(Feature(1, "a")));
        await CreateTilesetAsync(Recipe());
        Assert.Equal("success", (await JobAsync(await PublishAsync())).GetProperty("stage").GetString());
        await SendFileAsync(HttpMethod.Post, "changesets", "change", Lines(Delete(1)));

        var job = await JobAsync(await PublishChangesetsAsync(Body(("trails", "change"))));

        Assert.Equal("failed", job.GetProperty("stage").GetString());
        Assert.Equal("Changeset processing failed", Assert.Single(job.GetProperty("errors").EnumerateArray()).GetString());
        Assert.Equal(new[] { Feature(1, "a") }, Layer("trails"));
    }

    [Fact]
    public async Task The_feature_view_route_serves_each_layer_and_takes_the_accounts_token()
    {
        await SendFileAsync(HttpMethod.Put, "sources", "trails", Lines(Feature(1, "a")));
        await SendFileAsync(HttpMethod.Put, "sources", "parks", Lines(Feature("p", "park")));
        await CreateTilesetAsync(Recipe(layers: "trails,parks"));
        await JobAsync(await PublishAsync());

        using var view = await _http.GetAsync($"_emulator/tilesets/{Tileset}/features?access_token={_token}");
        var layers = (await ReadAsync(view)).GetProperty("layers");
        using var foreign = await _http.GetAsync($"_emulator/tilesets/{Tileset}/features?access_token={_emulator.MintToken("bob", EmulatorServer.TilesetScopes.ToArray())}");
        using var unknown = await _http.GetAsync($"_emulator/tilesets/alice.none/features?access_token={_token}");

        Assert.Equal(200, (int)view.StatusCode);
        Assert.Equal(Feature(1, "a"), Assert.Single(layers.GetProperty("trails").EnumerateArray()).GetRawText());
        Assert.Equal(Feature("p", "park"), Assert.Single(layers.GetProperty("parks").EnumerateArray()).GetRawText());
        Assert.Equal(403, (int)foreign.StatusCode);
        Assert.Equal(404, (int)unknown.StatusCode);
    }

    [Fact]
    public async Task Without_incremental_updates_the_changeset_routes_answer_403_and_a_bad_flag_is_invalid()
    {
        await using var disabled = await EmulatorServer.StartAsync(new EmulatorOptions { IncrementalUpdates = false, RateLimitPerMinute = 0 });
        using var http = new HttpClient { BaseAddress = disabled.BaseUrl };
        var token = disabled.MintToken(User, EmulatorServer.TilesetScopes.ToArray());
        using var upload = await http.PostAsync($"tilesets/v1/changesets/alice/c?access_token={token}", FilePart(Lines(Feature(1, "a"))));
        using var validation = await http.PutAsync($"tilesets/v1/validateRecipe?access_token={token}", Json(Recipe().Replace("\"incremental\":true", "\"incremental\":\"yes\"", StringComparison.Ordinal)));

        Assert.Equal(403, (int)upload.StatusCode);
        Assert.Contains("Incremental Update", (await ReadAsync(upload)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("incremental: must be true or false", (await ReadAsync(validation)).GetProperty("errors").EnumerateArray().Select(e => e.GetString()));
    }

    private static string Lines(params string[] lines) => string.Join("\n", lines) + "\n";

    private static string Body(params (string Layer, string Changeset)[] layers) =>
        JsonSerializer.Serialize(new { layers = layers.ToDictionary(l => l.Layer, l => new { changeset = $"mapbox://tileset-changeset/{User}/{l.Changeset}" }) });

    private string Path(string suffix, string query = "") => $"tilesets/v1{suffix}?access_token={Uri.EscapeDataString(_token)}{query}";

    private string[] Layer(string layer) => _emulator.TilesetFeatures(Tileset)![layer].ToArray();

    /// <summary>As the CLI sends a file: one multipart field <c>file</c>, filename <c>file</c>.</summary>
    private static MultipartFormDataContent FilePart(string text) => new() { { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "file" } };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string kind, string id, string text) =>
        _http.SendAsync(new HttpRequestMessage(method, Path($"/{kind}/{User}/{id}")) { Content = FilePart(text) });

    private async Task<JsonElement> SendFileAsync(HttpMethod method, string kind, string id, string text)
    {
        using var response = await SendRawAsync(method, kind, id, text);
        Assert.Equal(200, (int)response.StatusCode);
        return await ReadAsync(response);
    }

    private async Task CreateTilesetAsync(string recipe)
    {
        using var response = await _http.PostAsync(Path($"/{Tileset}"), Json($"{{\"recipe\":{recipe},\"name\":\"Trails\"}}"));
        Assert.Equal(200, (int)response.StatusCode);
    }

    private async Task<JsonElement> PublishAsync()
    {
        using var response = await _http.PostAsync(Path($"/{Tileset}/publish"), Json(string.Empty));
        Assert.Equal(200, (int)response.StatusCode);
        return await ReadAsync(response);
    }

    private async Task<JsonElement> PublishChangesetsAsync(string body)
    {
        using var response = await _http.PostAsync(Path($"/{Tileset}/publish-changesets"), Json(body));
        Assert.Equal(200, (int)response.StatusCode);
        return await ReadAsync(response);
    }

    private async Task AssertRefusedAsync(int status, string messagePart, string tileset, string body)
    {
        using var response = await _http.PostAsync(Path($"/{tileset}/publish-changesets"), Json(body));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(messagePart, (await ReadAsync(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>Reads the published job once: with no processing time, it has finished by the first read.</summary>
    private async Task<JsonElement> JobAsync(JsonElement published)
    {
        using var response = await _http.GetAsync(Path($"/{Tileset}/jobs/{published.GetProperty("jobId").GetString()}"));
        var job = await ReadAsync(response);
        Assert.NotEqual("processing", job.GetProperty("stage").GetString());
        return job;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
