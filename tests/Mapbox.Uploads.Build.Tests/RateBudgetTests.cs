using System;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Build.Tests.Infrastructure;
using Mapbox.Uploads.Emulator;
using Microsoft.Build.Framework;

namespace Mapbox.Uploads.Build.Tests;

/// <summary>
/// Ring 1: many tilesets in one run stay within the account's 60 requests a minute, because processing is waited
/// for with one list request per poll for all of them rather than status polls per tileset.
/// </summary>
public sealed class RateBudgetTests : IAsyncLifetime, IDisposable
{
    private const int Tilesets = 10;

    private readonly TaskHarness _harness = new();
    private EmulatorServer _emulator = null!;

    public async Task InitializeAsync() =>
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromSeconds(2), RateLimitPerMinute = 60 });

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void Ten_tilesets_cost_two_requests_each_plus_a_few_list_polls_and_draw_no_429()
    {
        AddTilesets();
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = _emulator.MintToken("cityworks");

        var (succeeded, engine, task) = RunWithClientPollDefaults();

        Assert.True(succeeded, engine.AllText);
        Assert.Equal(Tilesets, task.Results.Length);
        Assert.All(task.Results, r => Assert.Equal("Succeeded", r.GetMetadata("Status")));
        var api = _emulator.Requests.Where(r => r.Route != EmulatorRoute.S3).ToList();
        Assert.DoesNotContain(api, r => r.StatusCode == 429);
        Assert.Equal(Tilesets, api.Count(r => r.Route == EmulatorRoute.Credentials));
        Assert.Equal(Tilesets, api.Count(r => r.Route == EmulatorRoute.Create));
        Assert.DoesNotContain(api, r => r.Route == EmulatorRoute.Status);
        // 2 s of processing polled 1 s, 1.5 s and 2.25 s after the last create: at most three rounds, plus one for a slow machine.
        Assert.InRange(api.Count(r => r.Route == EmulatorRoute.List), 1, 4);
        Assert.Equal(2 * Tilesets + api.Count(r => r.Route == EmulatorRoute.List), api.Count);

        var high = engine.MessagesAt(MessageImportance.High).ToList();
        foreach (var result in task.Results)
        {
            var tileset = result.GetMetadata("TilesetId");
            Assert.Single(high, m => m.StartsWith($"Mapbox: uploading ", StringComparison.Ordinal) && m.EndsWith($"to tileset {tileset}.", StringComparison.Ordinal));
            Assert.Single(high, m => m.Contains($"{tileset} succeeded", StringComparison.Ordinal)
                && m.Contains(result.GetMetadata("UploadId"), StringComparison.Ordinal)
                && m.EndsWith(" MB.", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_token_that_may_not_list_uploads_is_waited_for_by_status_after_one_refused_list()
    {
        AddTilesets();
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = _emulator.MintToken("cityworks", "uploads:write", "uploads:read");

        var (succeeded, engine, task) = RunWithClientPollDefaults();

        Assert.True(succeeded, engine.AllText);
        Assert.Equal(Tilesets, task.Results.Length);
        Assert.All(task.Results, r => Assert.Equal("Succeeded", r.GetMetadata("Status")));
        var list = Assert.Single(_emulator.Requests, r => r.Route == EmulatorRoute.List);
        Assert.Equal(403, list.StatusCode);
        Assert.True(_emulator.Requests.Count(r => r.Route == EmulatorRoute.Status) >= Tilesets);
        Assert.DoesNotContain(_emulator.Requests, r => r.StatusCode == 429);
    }

    private void AddTilesets()
    {
        for (var i = 1; i <= Tilesets; i++)
        {
            _harness.Write($"data/t{i:D2}.geojson", SampleData.RoadsGeoJson);
            _harness.Item($"data/t{i:D2}.geojson", $"t{i:D2}");
        }
    }

    /// <summary>The harness shortens polls for speed; the request count is only meaningful at the client's own intervals.</summary>
    private (bool Succeeded, FakeBuildEngine Engine, MapboxUpload Task) RunWithClientPollDefaults()
    {
        _harness.Configure = task =>
        {
            var shortened = task.ConfigureClient;
            task.ConfigureClient = options =>
            {
                shortened?.Invoke(options);
                var defaults = new UploadsClientOptions();
                options.PollInterval = defaults.PollInterval;
                options.MaxPollInterval = defaults.MaxPollInterval;
            };
        };
        return _harness.Run(_emulator.BaseUrl.ToString());
    }
}
