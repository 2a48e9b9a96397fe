using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Package.Tests.Independent;

/// <summary>
/// The tilesets client against the independent service's Tiling Service routes (tests/independent-service/tilesets.py,
/// written from the issue's facts alone): its list pages carry a relative, tokenless <c>Link</c>, its queue limit
/// answers 429, its failing and warning jobs come from tileset-id rules (<c>fail-</c>, <c>warn-</c>).
/// </summary>
public sealed class IndependentServiceTilesetsTests : IClassFixture<IndependentService>, IDisposable
{
    private const string Feature = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[13.4,52.5]},\"properties\":{}}";
    private static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(60);
    private readonly IndependentService _service;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mbx-independent-mts", Guid.NewGuid().ToString("N"));

    public IndependentServiceTilesetsTests(IndependentService service)
    {
        _service = service;
        Directory.CreateDirectory(_directory);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private TilesetsClient Client() => new(MapboxAccessToken.Parse(_service.Token), new TilesetsClientOptions
    {
        ApiBaseUrl = _service.BaseUrl,
        PollInterval = TimeSpan.FromMilliseconds(200),
        MaxPollInterval = TimeSpan.FromMilliseconds(500),
    });

    private static string Recipe(string sourceId) =>
        $"{{\"version\":1,\"layers\":{{\"points\":{{\"source\":\"mapbox://tileset-source/{IndependentService.User}/{sourceId}\",\"minzoom\":0,\"maxzoom\":6}}}}}}";

    private string Write(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<string> SourceAsync(TilesetsClient client, string sourceId)
    {
        await client.UploadSourceAsync(sourceId, new[]
        {
            Write(sourceId + ".geojson", "{\"type\":\"FeatureCollection\",\"features\":[\n" + Feature + ",\n" + Feature + "\n]}"),
            Write(sourceId + ".ldgeojson", Feature + "\n"),
        });
        return sourceId;
    }

    [Fact]
    public async Task Source_recipe_tileset_publish_and_job_until_success_with_its_figures()
    {
        using var client = Client();
        var source = await SourceAsync(client, "happy-src");
        var tileset = new TilesetId(IndependentService.User, "happy");

        var validation = await client.ValidateRecipeAsync(Recipe(source));
        await client.CreateTilesetAsync(tileset, new NewTileset(Recipe(source), "Happy"));
        var published = await client.PublishAsync(tileset);
        var job = await client.WaitForJobAsync(tileset, published.JobId, WaitBound);

        Assert.True(validation.Valid, string.Join("; ", validation.Errors));
        Assert.Equal(TilesetJobStages.Success, job.Stage);
        Assert.Equal(3, job.LayerStats!.Value.GetProperty("points").GetProperty("total_features").GetInt32());
        Assert.NotEmpty(job.TilesetPrecisions!);
        Assert.Equal(2, (await client.GetSourceAsync(source)).Files);
    }

    [Fact]
    public async Task A_failed_job_carries_its_errors_and_a_warned_one_its_warnings()
    {
        using var client = Client();
        var source = await SourceAsync(client, "rules-src");
        var failing = new TilesetId(IndependentService.User, "fail-rules");
        var warned = new TilesetId(IndependentService.User, "warn-rules");
        await client.CreateTilesetAsync(failing, new NewTileset(Recipe(source), "f"));
        await client.CreateTilesetAsync(warned, new NewTileset(Recipe(source), "w"));

        var jobs = new[] { (failing, (await client.PublishAsync(failing)).JobId), (warned, (await client.PublishAsync(warned)).JobId) };
        var results = await client.WaitForJobsAsync(jobs, WaitBound);

        Assert.Equal(TilesetJobStages.Failed, results[0].Job!.Stage);
        Assert.NotEmpty(results[0].Job!.Errors);
        Assert.Equal(TilesetJobStages.Success, results[1].Job!.Stage);
        Assert.Contains("500 KB", Assert.Single(results[1].Job!.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_publish_supersedes_the_job_still_queued()
    {
        using var client = Client();
        var source = await SourceAsync(client, "super-src");
        var tileset = new TilesetId(IndependentService.User, "superseding");
        await client.CreateTilesetAsync(tileset, new NewTileset(Recipe(source), "s"));

        var first = await client.PublishAsync(tileset);
        var second = await client.PublishAsync(tileset);
        var third = await client.PublishAsync(tileset);
        var results = await client.WaitForJobsAsync(new[] { (tileset, first.JobId), (tileset, second.JobId), (tileset, third.JobId) }, WaitBound);

        Assert.Equal(
            new[] { TilesetJobStages.Success, TilesetJobStages.Superseded, TilesetJobStages.Success },
            results.Select(r => r.Job!.Stage));
    }

    [Fact]
    public async Task Lists_follow_a_relative_tokenless_next_link()
    {
        using var client = Client();
        var ids = new[] { "page-a", "page-b", "page-c" };
        foreach (var id in ids)
        {
            await client.ReplaceSourceAsync(id, Write(id + ".ndjson", Feature + "\n"));
        }

        var listed = new List<string>();
        await foreach (var source in client.ListSourcesAsync(limit: 1))
        {
            listed.Add(source.Id);
        }

        Assert.Equal(ids.Select(id => $"mapbox://tileset-source/{IndependentService.User}/{id}"), listed.Where(id => id.Contains("/page-", StringComparison.Ordinal)));
        Assert.True(listed.Count >= 3);
    }
}
