using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Build.Tests.Infrastructure;
using Mapbox.Uploads.Emulator;
using Microsoft.Build.Framework;
using static Mapbox.Uploads.Testing.RasterSamples;
using TaskItem = Microsoft.Build.Utilities.TaskItem;

namespace Mapbox.Uploads.Build.Tests.TilingService;

/// <summary>
/// The task's raster path against the in-process emulator, without dotnet build: a GeoTIFF raster and a GRIB
/// rasterarray tileset published, a rebuild that sends nothing, and every local refusal a coded error on its file
/// with nothing sent; the account flag and a failed raster job coded as the service answers them.
/// </summary>
public sealed class RasterTaskTests : IAsyncLifetime, IDisposable
{
    private const string Account = "lindenau";
    private readonly TaskHarness _harness = new();
    private EmulatorServer _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            TilesetProcessingTime = TimeSpan.FromMilliseconds(100),
            TilesetPublishesPerMinute = 0,
            RateLimitPerMinute = 0,
            AccountFlags = new HashSet<string> { "api_rasterarrays" },
        });
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = _emulator.MintToken(Account, EmulatorServer.TilesetScopes.ToArray());
        WriteBytes("data/imagery.tif", GeoTiff(width: 16, height: 16));
        WriteBytes("data/wind.grib2", Grib(2, messages: 2));
        _harness.Write("recipes/imagery.json", Recipe("imagery", "raster"));
        _harness.Write("recipes/wind.json", Recipe("wind", "rasterarray"));
        Configure(("data/imagery.tif", "imagery"), ("data/wind.grib2", "wind"));
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    public void Dispose() => _harness.Dispose();

    private static string Recipe(string sourceId, string type, string zooms = "\"minzoom\":0,\"maxzoom\":6,") =>
        "{\"version\":1,\"type\":\"" + type + "\"," + zooms + "\"sources\":[{\"uri\":\"mapbox://tileset-source/" + Account + "/" + sourceId + "\"}],\"layers\":{\"bands\":{\"tilesize\":256}}}";

    private void WriteBytes(string relative, byte[] bytes)
    {
        var path = Path.Combine(_harness.Directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }

    private void Configure(params (string File, string SourceId)[] sources) => _harness.Configure = task =>
    {
        task.Sources = sources.Select(source =>
        {
            var item = new TaskItem(Path.Combine(_harness.Directory, source.File));
            item.SetMetadata("SourceId", source.SourceId);
            return (ITaskItem)item;
        }).ToArray();
        task.Recipes = sources.Select(source =>
        {
            var item = new TaskItem(Path.Combine(_harness.Directory, "recipes", source.SourceId + ".json"));
            item.SetMetadata("TilesetId", source.SourceId);
            return (ITaskItem)item;
        }).ToArray();
        task.ConfigureTilesetsClient = options =>
        {
            options.PollInterval = TimeSpan.FromMilliseconds(50);
            options.MaxPollInterval = TimeSpan.FromMilliseconds(200);
            options.PaceRequests = false;
        };
    };

    private (bool Succeeded, FakeBuildEngine Engine, MapboxUpload Task) Build() => _harness.Run(_emulator.BaseUrl.ToString());

    [Fact]
    public void Raster_and_rasterarray_tilesets_publish_byte_for_byte_and_a_rebuild_sends_nothing()
    {
        var (succeeded, engine, task) = Build();

        Assert.True(succeeded, engine.AllText);
        Assert.Equal("Succeeded", TaskHarness.Metadata(task, "imagery.json", "Status"));
        Assert.Equal("Succeeded", TaskHarness.Metadata(task, "wind.json", "Status"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_harness.Directory, "data/imagery.tif")), Assert.Single(_emulator.SourceFiles(Account, "imagery")!));
        Assert.Equal(File.ReadAllBytes(Path.Combine(_harness.Directory, "data/wind.grib2")), Assert.Single(_emulator.SourceFiles(Account, "wind")!));
        _emulator.ClearRequests();

        var (again, againEngine, againTask) = Build();

        Assert.True(again, againEngine.AllText);
        Assert.Empty(_emulator.Requests);
        Assert.All(againTask.Results, result => Assert.Equal("Skipped", result.GetMetadata("Status")));
    }

    public static IEnumerable<object[]> Refusals() => new[]
    {
        new object[] { "data/imagery.tif", GeoTiff().AsSpan(0, 30).ToArray(), null!, "MBX3030", "imagery.tif" },
        new object[] { "data/wind.grib2", Grib(2).AsSpan(0, 50).ToArray(), null!, "MBX3030", "wind.grib2" },
        new object[] { "data/imagery.tif", GeoTiff(samples: 1, bits: 16, photometric: 1), null!, "MBX3032", "imagery.json" },
        new object[] { "data/imagery.tif", GeoTiff(photometric: 6), null!, "MBX3032", "imagery.json" },
        new object[] { "data/imagery.tif", GeoTiff(epsg: null), null!, "MBX3032", "imagery.json" },
        new object[] { "recipes/imagery.json", null!, Recipe("imagery", "raster", zooms: string.Empty), "MBX3031", "imagery.json" },
        new object[] { "recipes/wind.json", null!, Recipe("wind", "raster"), "MBX3032", "wind.json" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Every_refused_file_and_recipe_is_a_coded_error_on_its_file_and_nothing_is_sent(string relative, byte[]? bytes, string? text, string code, string onFile)
    {
        if (bytes is not null)
        {
            WriteBytes(relative, bytes);
        }
        else
        {
            _harness.Write(relative, text!);
        }

        var (succeeded, engine, _) = Build();

        Assert.False(succeeded);
        var error = Assert.Single(engine.Errors, e => e.Code == code);
        Assert.EndsWith(onFile, error.File, StringComparison.Ordinal);
        Assert.Empty(_emulator.Requests);
    }

    [Fact]
    public async Task A_missing_account_flag_and_a_failed_raster_job_are_coded_as_the_service_answers()
    {
        await using var unflagged = await EmulatorServer.StartAsync(new EmulatorOptions { TilesetProcessingTime = TimeSpan.Zero, TilesetPublishesPerMinute = 0, RateLimitPerMinute = 0 });
        unflagged.TilesetProcessing.FailTileset("imagery", "Unsupported file type");
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = unflagged.MintToken(Account, EmulatorServer.TilesetScopes.ToArray());

        var (succeeded, engine, _) = _harness.Run(unflagged.BaseUrl.ToString());

        Assert.False(succeeded);
        Assert.EndsWith("wind.json", Assert.Single(engine.Errors, e => e.Code == "MBX4015").File, StringComparison.Ordinal);
        Assert.Contains("api_rasterarrays", engine.AllText, StringComparison.Ordinal);
        Assert.EndsWith("imagery.json", Assert.Single(engine.Errors, e => e.Code == "MBX6006").File, StringComparison.Ordinal);
    }
}
