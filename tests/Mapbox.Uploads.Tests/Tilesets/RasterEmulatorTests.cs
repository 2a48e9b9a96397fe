using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Tests.Validation;
using static Mapbox.Uploads.Testing.RasterSamples;

namespace Mapbox.Uploads.Tests.Tilesets;

/// <summary>Raster sources, raster and rasterarray recipes and their jobs: the client against the emulator on 127.0.0.1.</summary>
public sealed class RasterEmulatorTests : IDisposable
{
    private static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(30);
    private readonly TempFiles _files = new();

    private static string RasterRecipe(string sourceId, string type = "raster", string crs = "") =>
        "{\"version\":1,\"type\":\"" + type + "\",\"sources\":[{\"uri\":\"mapbox://tileset-source/alice/" + sourceId + "\"" + crs + "}],\"minzoom\":0,\"maxzoom\":5,\"layers\":{\"bands\":{\"tilesize\":256}}}";

    private static TilesetsClient Client(EmulatorServer emulator) =>
        TilesetsEmulatorTests.Client(emulator, emulator.MintToken("alice", EmulatorServer.TilesetScopes.ToArray()), pace: false);

    private static EmulatorOptions FlaggedService() => new()
    {
        TilesetProcessingTime = TimeSpan.Zero,
        TilesetPublishesPerMinute = 0,
        AccountFlags = new HashSet<string> { "api_rasterarrays" },
    };

    [Fact]
    public async Task Raster_files_go_up_byte_for_byte_and_raster_and_rasterarray_tilesets_publish()
    {
        await using var emulator = await EmulatorServer.StartAsync(FlaggedService());
        using var client = Client(emulator);
        var tiff = GeoTiff(width: 32, height: 32);
        var grib = Grib(2, messages: 3);
        var netCdf = NetCdfClassic(2);

        var uploaded = await client.UploadSourceAsync("imagery", new[] { _files.WriteBytes("image.tif", tiff) });
        await client.UploadSourceAsync("weather", new[] { _files.WriteBytes("wind.grib2", grib), _files.WriteBytes("rain.nc", netCdf) });
        var raster = await PublishAndWaitAsync(client, "imagery", RasterRecipe("imagery"));
        var array = await PublishAndWaitAsync(client, "weather", RasterRecipe("weather", "rasterarray"));

        Assert.Equal(tiff.Length, uploaded[0].FileSize);
        Assert.Equal(tiff, Assert.Single(emulator.SourceFiles("alice", "imagery")!));
        Assert.Equal(new[] { grib, netCdf }, emulator.SourceFiles("alice", "weather"));
        Assert.True(raster.Stage == TilesetJobStages.Success, string.Join("; ", raster.Errors));
        Assert.True(array.Stage == TilesetJobStages.Success, string.Join("; ", array.Errors));
        Assert.Equal(grib.Length + netCdf.Length, array.Filesize);
    }

    [Fact]
    public async Task Jobs_fail_for_a_file_type_the_recipe_does_not_take_and_for_a_missing_CRS()
    {
        await using var emulator = await EmulatorServer.StartAsync(FlaggedService());
        using var client = Client(emulator);
        await client.UploadSourceAsync("weather", new[] { _files.WriteBytes("rain.nc", NetCdfClassic()) });
        await client.UploadSourceAsync("plain", new[] { _files.WriteBytes("plain.tif", GeoTiff(epsg: null)) });

        var wrongType = await PublishAndWaitAsync(client, "weatherimagery", RasterRecipe("weather"));
        var noCrs = await PublishAndWaitAsync(client, "plain", RasterRecipe("plain", "rasterarray"));
        var crsGiven = await PublishAndWaitAsync(client, "plaincrs", RasterRecipe("plain", "rasterarray", ",\"crs\":\"EPSG:4326\""));

        Assert.Equal(TilesetJobStages.Failed, wrongType.Stage);
        Assert.Contains(wrongType.Errors, error => error.Contains("Unsupported file type", StringComparison.Ordinal));
        Assert.Equal(TilesetJobStages.Failed, noCrs.Stage);
        Assert.Contains(noCrs.Errors, error => error.Contains("No coordinate reference system", StringComparison.Ordinal));
        Assert.Equal(TilesetJobStages.Success, crsGiven.Stage);
    }

    [Fact]
    public async Task Without_the_account_flag_a_rasterarray_recipe_is_refused_with_403_naming_it()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { TilesetProcessingTime = TimeSpan.Zero, TilesetPublishesPerMinute = 0 });
        using var client = Client(emulator);
        await client.UploadSourceAsync("weather", new[] { _files.WriteBytes("wind.grib", Grib(1)) });

        var refused = await Assert.ThrowsAsync<MapboxApiException>(() => client.CreateTilesetAsync(new TilesetId("alice", "wind"), new NewTileset(RasterRecipe("weather", "rasterarray"), "Wind")));
        var validation = await client.ValidateRecipeAsync("""{"version":1,"type":"raster","sources":[{"uri":"mapbox://tileset-source/alice/weather"}],"layers":{"a-b":{}}}""");

        Assert.Equal(403, refused.StatusCode);
        Assert.Equal(MapboxApiFailure.AccountFeatureMissing, refused.Failure);
        Assert.Contains("api_rasterarrays", refused.ServiceMessage, StringComparison.Ordinal);
        Assert.False(validation.Valid);
        Assert.Contains(validation.Errors, error => error.StartsWith("minzoom", StringComparison.Ordinal));
        Assert.Contains(validation.Errors, error => error.StartsWith("layers.a-b", StringComparison.Ordinal));
    }

    public void Dispose() => _files.Dispose();

    private static async Task<TilesetJob> PublishAndWaitAsync(TilesetsClient client, string id, string recipe)
    {
        var tileset = new TilesetId("alice", id);
        await client.CreateTilesetAsync(tileset, new NewTileset(recipe, id));
        var published = await client.PublishAsync(tileset);
        return await client.WaitForJobAsync(tileset, published.JobId, WaitBound);
    }
}
