using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Tilesets;

/// <summary>Each tilesets call sends the documented method, path and body, and reads the documented answer.</summary>
public class TilesetsClientCallTests
{
    private static readonly TilesetId Roads = new("alice", "roads");
    private readonly TilesetsClientFactory _factory = new();

    [Fact]
    public async Task Recipe_and_tileset_calls_send_the_documented_requests()
    {
        var handler = new RecordingHandler((request, _) => request.Method switch
        {
            "PUT" when request.Path.EndsWith("/validateRecipe", StringComparison.Ordinal) => RecordingHandler.Json(HttpStatusCode.OK, "{\"valid\":false,\"errors\":[\"layers.roads.minzoom too high\",{\"code\":7}]}"),
            "GET" => RecordingHandler.Json(HttpStatusCode.OK, "{\"id\":\"alice.roads\",\"recipe\":{\"version\":1}}"),
            "PATCH" => RecordingHandler.Status(HttpStatusCode.NoContent),
            _ => RecordingHandler.Json(HttpStatusCode.OK, "{\"message\":\"ok\"}"),
        });
        using var client = _factory.Create(handler);
        const string recipe = "{ \"version\": 1,\n \"layers\": {\"roads\": {\"source\": \"mapbox://tileset-source/alice/roads\", \"minzoom\": 0, \"maxzoom\": 5}} }";

        var validation = await client.ValidateRecipeAsync(recipe);
        var stored = await client.GetRecipeAsync(Roads);
        await client.UpdateRecipeAsync(Roads, recipe);
        await client.CreateTilesetAsync(Roads, new NewTileset(recipe, "City roads") { Description = "d" });
        await client.UpdateTilesetAsync(Roads, new TilesetUpdate { Private = false });
        await client.DeleteTilesetAsync(Roads);

        Assert.False(validation.Valid);
        Assert.Equal(new[] { "layers.roads.minzoom too high", "{\"code\":7}" }, validation.Errors);
        Assert.Equal(1, stored.Recipe.GetProperty("version").GetInt32());
        Assert.Equal(
            new[]
            {
                "PUT /tilesets/v1/validateRecipe",
                "GET /tilesets/v1/alice.roads/recipe",
                "PATCH /tilesets/v1/alice.roads/recipe",
                "POST /tilesets/v1/alice.roads",
                "PATCH /tilesets/v1/alice.roads",
                "DELETE /tilesets/v1/alice.roads",
            },
            handler.Requests.Select(r => r.Method + " " + r.Path));
        var requests = handler.Requests;
        Assert.Equal(recipe, requests[0].BodyText);
        Assert.Equal(recipe, requests[2].BodyText);
        Assert.Equal("{\"recipe\":" + recipe + ",\"name\":\"City roads\",\"private\":true,\"description\":\"d\"}", requests[3].BodyText);
        Assert.Equal("{\"private\":false}", requests[4].BodyText);
        Assert.All(requests, r => Assert.Contains("access_token=", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_jobs_and_queue_send_the_documented_requests()
    {
        var handler = new RecordingHandler((request, _) => request.Path switch
        {
            var p when p.EndsWith("/publish", StringComparison.Ordinal) => RecordingHandler.Json(HttpStatusCode.OK, "{\"message\":\"Processing alice.roads\",\"jobId\":\"job1\"}"),
            var p when p.EndsWith("/queue", StringComparison.Ordinal) => RecordingHandler.Json(HttpStatusCode.OK, "{\"total\":3}"),
            var p when p.EndsWith("/jobs", StringComparison.Ordinal) => RecordingHandler.Json(HttpStatusCode.OK, "[" + TilesetsJson.Job("job1", "success") + "]"),
            _ => RecordingHandler.Json(HttpStatusCode.OK, TilesetsJson.Job("job1", "success", warnings: "[\"dropped 3 features\"]")),
        });
        using var client = _factory.Create(handler);

        var published = await client.PublishAsync(Roads);
        var job = await client.GetJobAsync(Roads, published.JobId);
        var jobs = await ToListAsync(client.ListJobsAsync(Roads, TilesetJobStages.Success, 10));
        var queue = await client.GetQueueAsync();

        Assert.Equal("job1", published.JobId);
        Assert.True(job.Succeeded);
        Assert.Equal(new[] { "dropped 3 features" }, job.Warnings);
        Assert.Equal(12.5, job.TilesetPrecisions!["10m"]);
        Assert.Equal(3, job.LayerStats!.Value.GetProperty("roads").GetProperty("total_features").GetInt32());
        Assert.Equal(2048, job.Filesize);
        Assert.Single(jobs);
        Assert.Equal(3, queue.Total);
        Assert.Equal(
            new[]
            {
                "POST /tilesets/v1/alice.roads/publish",
                "GET /tilesets/v1/alice.roads/jobs/job1",
                "GET /tilesets/v1/alice.roads/jobs",
                "PUT /tilesets/v1/queue",
            },
            handler.Requests.Select(r => r.Method + " " + r.Path));
        Assert.Contains("stage=success", handler.Requests[2].Query, StringComparison.Ordinal);
        Assert.Contains("limit=10", handler.Requests[2].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_follow_the_next_link_until_there_is_none()
    {
        var handler = new RecordingHandler((request, index) => index switch
        {
            0 => RecordingHandler.Json(HttpStatusCode.OK, "[{\"id\":\"mapbox://tileset-source/alice/a\",\"files\":1,\"size\":5}]", r =>
                r.Headers.TryAddWithoutValidation("Link", "<https://api.example.test/tilesets/v1/sources/alice?limit=1&start=a>; rel=\"next\"")),
            _ => RecordingHandler.Json(HttpStatusCode.OK, "[{\"id\":\"mapbox://tileset-source/alice/b\",\"files\":2,\"size\":7}]"),
        });
        using var client = _factory.Create(handler);

        var sources = await ToListAsync(client.ListSourcesAsync(1));

        Assert.Equal(new[] { "mapbox://tileset-source/alice/a", "mapbox://tileset-source/alice/b" }, sources.Select(s => s.Id));
        Assert.Equal(2, handler.Requests.Count);
        Assert.Contains("start=a", handler.Requests[1].Query, StringComparison.Ordinal);
        Assert.Contains("access_token=", handler.Requests[1].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tileset_list_sends_its_filters()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, "[{\"id\":\"alice.roads\",\"type\":\"vector\",\"status\":\"available\"}]"));
        using var client = _factory.Create(handler);

        var tilesets = await ToListAsync(client.ListTilesetsAsync(new ListTilesetsOptions { Type = "vector", Visibility = "private", SortBy = "created", Limit = 500 }));

        Assert.Equal("alice.roads", Assert.Single(tilesets).Id);
        Assert.Equal("/tilesets/v1/alice", handler.Requests[0].Path);
        Assert.All(new[] { "type=vector", "visibility=private", "sortby=created", "limit=500" }, part => Assert.Contains(part, handler.Requests[0].Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failure_names_the_scope_or_the_lock_and_never_the_token()
    {
        var handler = new RecordingHandler((request, _) => request.Method == "GET"
            ? RecordingHandler.Json(HttpStatusCode.Forbidden, "{\"message\":\"This endpoint requires a token with tilesets:read scope\"}")
            : RecordingHandler.Json(HttpStatusCode.Conflict, "{\"message\":\"Resource is locked\"}"));
        using var client = _factory.Create(handler);

        var forbidden = await Assert.ThrowsAsync<MapboxApiException>(() => client.GetSourceAsync("roads"));
        var locked = await Assert.ThrowsAsync<MapboxApiException>(() => client.DeleteSourceAsync("roads"));

        Assert.Equal(403, forbidden.StatusCode);
        Assert.Contains("tilesets:read", forbidden.Message, StringComparison.Ordinal);
        Assert.Equal(TilesetsOperations.GetSource, forbidden.Operation);
        Assert.Equal(409, locked.StatusCode);
        Assert.Equal("Resource is locked", locked.ServiceMessage);
        Assert.Contains("running job", locked.Message, StringComparison.Ordinal);
        TestTokens.AssertNoSecret(forbidden.ToString());
        TestTokens.AssertNoSecret(locked.ToString());
    }

    [Fact]
    public async Task A_server_error_is_retried_with_a_fresh_request()
    {
        var handler = new RecordingHandler((_, index) => index == 0
            ? RecordingHandler.Status(HttpStatusCode.ServiceUnavailable)
            : RecordingHandler.Json(HttpStatusCode.OK, "{\"message\":\"ok\",\"jobId\":\"j2\"}"));
        using var client = _factory.Create(handler);

        var published = await client.PublishAsync(Roads);

        Assert.Equal("j2", published.JobId);
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(new[] { 503, 200 }, _factory.Log.Select(entry => entry.StatusCode ?? 0));
    }

    [Theory]
    [InlineData("bad id!")]
    [InlineData("")]
    [InlineData("abcdefghijabcdefghijabcdefghijabc")]
    public async Task A_bad_source_id_is_refused_before_any_request(string sourceId)
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Status(HttpStatusCode.OK));
        using var client = _factory.Create(handler);

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetSourceAsync(sourceId));

        Assert.Empty(handler.Requests);
    }

    internal static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items)
        {
            list.Add(item);
        }

        return list;
    }
}
