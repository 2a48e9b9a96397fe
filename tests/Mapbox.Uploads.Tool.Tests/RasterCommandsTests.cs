using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Tool.Tests.Infrastructure;
using static Mapbox.Uploads.Testing.RasterSamples;

namespace Mapbox.Uploads.Tool.Tests;

/// <summary>
/// sources upload and publish with raster files and recipes against the emulator: GeoTIFF and GRIB sources sent byte
/// for byte, raster and rasterarray tilesets published, and every local refusal coded on its file with nothing sent.
/// </summary>
[Collection(ToolCollection.Name)]
public sealed class RasterCommandsTests(ToolFixture fixture)
{
    [Fact]
    public async Task Raster_files_are_sent_byte_for_byte_and_raster_and_rasterarray_recipes_publish()
    {
        var imagery = Samples.UniqueMapId("img");
        var wind = Samples.UniqueMapId("wind");
        var tiff = fixture.WriteData($"{imagery}.tif", GeoTiff(width: 16, height: 16));
        var firstGrib = fixture.WriteData($"{wind}-1.grib2", Grib(2, messages: 2));
        var secondGrib = fixture.WriteData($"{wind}-2.grib2", Grib(2, messages: 1, body: 64));

        var uploadTiff = await RunAsync("sources", "upload", imagery, tiff, "--json");
        var uploadGrib = await RunAsync("sources", "upload", wind, firstGrib, secondGrib);
        var raster = await RunAsync("publish", imagery, "--recipe", WriteRecipe(imagery, "raster"), "--json");
        var rasterArray = await RunAsync("publish", wind, "--recipe", WriteRecipe(wind, "rasterarray"), "--json");

        Assert.True(uploadTiff.ExitCode == 0, uploadTiff.ToString());
        Assert.Equal(new FileInfo(tiff).Length, uploadTiff.Json().GetProperty("sourceSize").GetInt64());
        Assert.Equal(File.ReadAllBytes(tiff), Assert.Single(fixture.Emulator.SourceFiles(ToolFixture.Username, imagery)!));
        Assert.True(uploadGrib.ExitCode == 0, uploadGrib.ToString());
        Assert.Contains($"{secondGrib}: sent to source {wind} (2 file(s)", uploadGrib.StandardError);
        Assert.Equal([File.ReadAllBytes(firstGrib), File.ReadAllBytes(secondGrib)], fixture.Emulator.SourceFiles(ToolFixture.Username, wind)!);
        Assert.True(raster.ExitCode == 0, raster.ToString());
        Assert.Equal("success", raster.Json().GetProperty("stage").GetString());
        Assert.True(rasterArray.ExitCode == 0, rasterArray.ToString());
        Assert.Equal("success", rasterArray.Json().GetProperty("stage").GetString());
    }

    [Fact]
    public async Task A_refused_raster_file_is_coded_on_the_file_and_nothing_is_sent()
    {
        var sourceId = Samples.UniqueMapId("trunc");
        var good = fixture.WriteData($"{sourceId}-good.tif", GeoTiff());
        var truncated = fixture.WriteData($"{sourceId}.grib2", Grib(2).AsSpan(0, 50).ToArray());
        var before = fixture.Emulator.Requests.Count;

        var run = await RunAsync("sources", "upload", sourceId, good, truncated);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains($"{truncated}: error MBX3030: Raster source file refused locally: tileset source '{sourceId}': ", run.StandardError);
        Assert.Contains("(nothing was sent)", run.StandardError);
        Assert.DoesNotContain(fixture.Emulator.Requests.Skip(before), request => request.Path.Contains(sourceId, StringComparison.Ordinal));
        Assert.Null(fixture.Emulator.SourceFiles(ToolFixture.Username, sourceId));
    }

    [Fact]
    public async Task A_raster_recipe_refused_locally_is_MBX3031_and_a_failed_raster_job_MBX6006()
    {
        var sourceId = Samples.UniqueMapId("rjob");
        var upload = await RunAsync("sources", "upload", sourceId, fixture.WriteData($"{sourceId}.tif", GeoTiff()));
        var noZooms = fixture.WriteData($"{sourceId}-nozoom.recipe.json",
            $$$$"""{"version":1,"type":"raster","sources":[{"uri":"mapbox://tileset-source/{{{{ToolFixture.Username}}}}/{{{{sourceId}}}}"}],"layers":{"RGB":{}}}""");
        var before = fixture.Emulator.Requests.Count;

        var refused = await RunAsync("publish", sourceId, "--recipe", noZooms);
        var refusedDry = await RunAsync("publish", sourceId, "--recipe", noZooms, "--dry-run");
        var sent = fixture.Emulator.Requests.Skip(before).Where(request => request.Path.Contains(sourceId, StringComparison.Ordinal) && request.Method != "GET").ToList();
        fixture.Emulator.TilesetProcessing.FailTileset($"{ToolFixture.Username}.{sourceId}", "Unsupported file type");
        var failed = await RunAsync("publish", sourceId, "--recipe", WriteRecipe(sourceId, "raster"));
        var failedAgain = await RunAsync("publish", sourceId);

        Assert.True(upload.ExitCode == 0, upload.ToString());
        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Contains($"{noZooms}: error MBX3031: Raster recipe invalid: the recipe fails a local check (nothing was sent): A raster recipe needs \"minzoom\"", refused.StandardError);
        Assert.True(refusedDry.ExitCode == 1, refusedDry.ToString());
        Assert.Contains("error MBX3031: Raster recipe invalid", refusedDry.StandardError);
        Assert.Empty(sent);
        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Matches($@"error MBX6006: Raster tileset job failed: {ToolFixture.Username}\.{sourceId}, job \S+: Unsupported file type", failed.StandardError);
        Assert.True(failedAgain.ExitCode == 1, failedAgain.ToString());
        Assert.Contains("error MBX6006: Raster tileset job failed", failedAgain.StandardError);
    }

    [Fact]
    public async Task Sources_upload_help_names_the_raster_formats()
    {
        var run = await RunAsync("sources", "upload", "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("GeoTIFF (.tif/.tiff), NetCDF (.nc) or GRIB (.grib/.grib2)", run.StandardOutput);
    }

    private async Task<ToolRun> RunAsync(params string[] arguments)
    {
        var run = await fixture.RunAsync(arguments);
        Assert.False(run.AllOutput.Contains(fixture.Token, StringComparison.Ordinal), $"The token appeared in the output of {run.CommandLine}.");
        return run;
    }

    private string WriteRecipe(string sourceId, string type) => fixture.WriteData($"{sourceId}-{type}.recipe.json",
        $$$$"""{"version":1,"type":"{{{{type}}}}","minzoom":0,"maxzoom":6,"sources":[{"uri":"mapbox://tileset-source/{{{{ToolFixture.Username}}}}/{{{{sourceId}}}}"}],"layers":{"bands":{"tilesize":256}}}""");
}
