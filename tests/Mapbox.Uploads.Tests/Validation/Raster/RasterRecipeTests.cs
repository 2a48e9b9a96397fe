using System;
using System.Linq;
using Mapbox.Uploads.Sources;
using Mapbox.Uploads.Validation;
using Mapbox.Uploads.Validation.Raster;
using static Mapbox.Uploads.Testing.RasterSamples;

namespace Mapbox.Uploads.Tests.Validation.Raster;

public sealed class RasterRecipeTests
{
    private const string Raster = """{"version":1,"type":"raster","sources":[{"uri":"mapbox://tileset-source/alice/imagery"}],"minzoom":0,"maxzoom":6,"layers":{"RGB":{"source_rules":{"filter":[["==",["get","colorinterp"],"red"]]}}}}""";
    private const string RasterArray = """{"version":1,"type":"rasterarray","sources":[{"uri":"mapbox://tileset-source/alice/wind","crs":"EPSG:4326"}],"layers":{"u_wind":{"tilesize":256}}}""";

    [Fact]
    public void Documented_raster_and_rasterarray_recipes_pass_and_say_their_type_and_sources()
    {
        var raster = RecipeValidator.Check(Raster, "alice");
        var array = RecipeValidator.Check(RasterArray, "alice");

        Assert.True(raster.IsValid, string.Join(" ", raster.Problems));
        Assert.Equal("raster", raster.Type);
        Assert.Equal(new[] { "imagery" }, raster.SourceIds);
        Assert.True(array.IsValid, string.Join(" ", array.Problems));
        Assert.Equal("EPSG:4326", array.CrsBySource["wind"]);
        Assert.False(RecipeValidator.Check("""{"version":1,"layers":{"a":{"source":"mapbox://tileset-source/alice/a","minzoom":0,"maxzoom":5}}}""", "alice").IsRaster);
    }

    [Theory]
    [InlineData("\"minzoom\":0,", "", "needs \"minzoom\"")]
    [InlineData("\"maxzoom\":6,", "", "needs \"maxzoom\"")]
    [InlineData("\"maxzoom\":6", "\"maxzoom\":30", "\"maxzoom\" is 30")]
    [InlineData("\"type\":\"raster\"", "\"type\":\"rastr\"", "\"type\" is \"rastr\"")]
    [InlineData("\"RGB\":", "\"R-G-B\":", "A-Z a-z 0-9 _ only")]
    [InlineData("\"sources\":[{\"uri\":\"mapbox://tileset-source/alice/imagery\"}]", "\"sources\":[]", "sources at the root")]
    [InlineData("tileset-source/alice/imagery", "tileset-source/bob/imagery", "account 'bob'")]
    [InlineData("{\"source_rules\"", "{\"source\":\"mapbox://tileset-source/alice/imagery\",\"source_rules\"", "names its sources once")]
    [InlineData("\"uri\":\"mapbox://tileset-source/alice/imagery\"", "\"uri\":\"mapbox://tileset-source/alice/imagery\",\"crs\":7", "\"crs\" that is not a name")]
    public void A_raster_recipe_off_its_documented_shape_is_refused_with_the_reason(string find, string replace, string expected)
    {
        var recipe = Raster.Replace(find, replace, StringComparison.Ordinal);
        Assert.NotEqual(Raster, recipe);

        var check = RecipeValidator.Check(recipe, "alice");

        Assert.False(check.IsValid);
        Assert.Contains(check.Problems, problem => problem.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_layer_named_twice_is_refused()
    {
        var check = RecipeValidator.Check(RasterArray.Replace("\"u_wind\":{\"tilesize\":256}", "\"u\":{},\"u\":{}", StringComparison.Ordinal), "alice");

        Assert.Contains(check.Problems, problem => problem.Message.Contains("named twice", StringComparison.Ordinal));
    }

    [Fact]
    public void A_raster_recipe_takes_8_bit_RGB_GeoTIFFs_only()
    {
        var raster = RecipeValidator.Check(Raster, "alice");

        Assert.Null(Problem(raster, GeoTiff()));
        Assert.Contains("not 8-bit", Problem(raster, GeoTiff(samples: 1, bits: 16, photometric: 1)));
        Assert.Contains("YCbCr", Problem(raster, GeoTiff(photometric: 6)));
        Assert.Contains("RGB", Problem(raster, GeoTiff(samples: 1, photometric: 1)));
        Assert.Contains("GeoTIFF only", RasterRecipeSourceRules.Problem(raster, "imagery", "wind.grib2", new RasterFileFacts(SourceFileFormat.Grib, null)));
        Assert.Contains("is GeoJSON", RasterRecipeSourceRules.Problem(raster, "imagery", "roads.geojson", null));
    }

    [Fact]
    public void A_file_without_a_CRS_needs_crs_on_its_recipe_source()
    {
        var raster = RecipeValidator.Check(Raster, "alice");
        var withCrs = RecipeValidator.Check(Raster.Replace("/imagery\"", "/imagery\",\"crs\":\"EPSG:3857\"", StringComparison.Ordinal), "alice");

        Assert.Contains("\"crs\": \"EPSG:4326\"", Problem(raster, GeoTiff(epsg: null)));
        Assert.Null(Problem(withCrs, GeoTiff(epsg: null)));
    }

    [Fact]
    public void A_rasterarray_recipe_takes_values_of_any_type_and_a_vector_recipe_no_raster()
    {
        var array = RecipeValidator.Check(RasterArray, "alice");
        var vector = RecipeValidator.Check("""{"version":1,"layers":{"a":{"source":"mapbox://tileset-source/alice/wind","minzoom":0,"maxzoom":5}}}""", "alice");

        Assert.Null(RasterRecipeSourceRules.Problem(array, "wind", "wind.tif", Facts(GeoTiff(samples: 1, bits: 32, sampleFormat: 3, photometric: 1, epsg: null))));
        Assert.Null(RasterRecipeSourceRules.Problem(array, "wind", "wind.nc", new RasterFileFacts(SourceFileFormat.NetCdf, null)));
        Assert.Contains("is a raster", RasterRecipeSourceRules.Problem(vector, "wind", "wind.nc", new RasterFileFacts(SourceFileFormat.NetCdf, null)));
        Assert.Null(RasterRecipeSourceRules.Problem(vector, "wind", "wind.geojson", null));
    }

    private static string? Problem(RecipeCheckResult recipe, byte[] tiff) =>
        RasterRecipeSourceRules.Problem(recipe, recipe.SourceIds.Single(), "image.tif", Facts(tiff));

    private static RasterFileFacts Facts(byte[] tiff)
    {
        using var stream = new System.IO.MemoryStream(tiff);
        var (facts, problem) = RasterFileChecker.Check(SourceFileFormat.GeoTiff, stream, default);
        Assert.Null(problem);
        return facts!;
    }
}
