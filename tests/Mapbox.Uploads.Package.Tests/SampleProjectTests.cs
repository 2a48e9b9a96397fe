using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Package.Tests.Infrastructure;

namespace Mapbox.Uploads.Package.Tests;

/// <summary>Ring 3: the shipped sample, built as its users would, publishes its three tilesets.</summary>
public sealed class SampleProjectTests
{
    [Fact]
    public async Task The_CityData_sample_uploads_its_tilesets_and_validates_offline()
    {
        var feed = await PackageFeed.GetAsync();
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromMilliseconds(300), RateLimitPerMinute = 0 });
        var token = emulator.MintToken("lindenau");
        var sandbox = Sandbox.OfSample(feed, "CityData", "city-data", "data");

        var dryRun = await sandbox.RunAsync("build", DataProject.WithToken(token), "-p:MapboxUploadDryRun=true");

        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Empty(emulator.Requests);

        var build = await sandbox.RunAsync("build", DataProject.WithToken(token), $"-p:MapboxApiUrl={emulator.BaseUrl}");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Equal(
            ["lindenau.lindenau-bike-lanes", "lindenau.lindenau-parks", "lindenau.lindenau-transit-stops"],
            DataProject.Manifest(sandbox).Where(m => m.Value.Status == "Succeeded").Select(m => m.Key).Order());
        Assert.Equal(3, emulator.Requests.Count(r => r.Route == EmulatorRoute.Create));
    }
}

/// <summary>Ring 3: the shipped Tiling Service sample, built as its users would, publishes its two tilesets.</summary>
public sealed class TilingServiceSampleTests
{
    [Fact]
    public async Task The_CityTiles_sample_publishes_its_tilesets_and_validates_offline()
    {
        var feed = await PackageFeed.GetAsync();
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { TilesetProcessingTime = TimeSpan.FromMilliseconds(300), RateLimitPerMinute = 0 });
        var token = emulator.MintToken("lindenau", [.. EmulatorServer.TilesetScopes]);
        var sandbox = Sandbox.OfSample(feed, "CityTiles", "city-tiles", "data", "recipes");

        var dryRun = await sandbox.RunAsync("build", DataProject.WithToken(token), "-p:MapboxUploadDryRun=true");

        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Empty(emulator.Requests);

        var build = await sandbox.RunAsync("build", DataProject.WithToken(token), $"-p:MapboxApiUrl={emulator.BaseUrl}");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("Mapbox: lindenau.lindenau-bike-lanes-mts published by job", build.Output, StringComparison.Ordinal);
        Assert.Contains("Mapbox: lindenau.lindenau-parks-mts published by job", build.Output, StringComparison.Ordinal);
        Assert.Equal(2, emulator.Requests.Count(r => r.Route == EmulatorRoute.TilesetPublish));
    }
}
