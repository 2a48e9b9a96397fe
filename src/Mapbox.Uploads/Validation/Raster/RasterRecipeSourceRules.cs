using System.IO;
using Mapbox.Uploads.Sources;

namespace Mapbox.Uploads.Validation.Raster;

/// <summary>
/// Whether a source file suits the recipe that uses it, judged before any request: a raster recipe takes 8-bit RGB
/// GeoTIFFs without YCbCr; a rasterarray recipe takes GeoTIFF, NetCDF or GRIB; either needs a CRS in the file or a
/// <c>crs</c> on the recipe's source; a vector recipe takes no raster file and a raster recipe no GeoJSON.
/// </summary>
internal static class RasterRecipeSourceRules
{
    /// <summary>What is wrong with using <paramref name="path"/> (whose facts are <paramref name="facts"/>, null for a vector file) in the recipe.</summary>
    public static string? Problem(RecipeCheckResult recipe, string sourceId, string path, RasterFileFacts? facts)
    {
        var file = Path.GetFileName(path);
        if (!recipe.IsRaster)
        {
            return facts is null ? null
                : $"the vector recipe uses tileset source '{sourceId}', whose file {file} is a raster; write \"type\": \"rasterarray\" (or \"raster\" for RGB imagery) with \"sources\" at the root, or use a GeoJSON source.";
        }

        if (facts is null)
        {
            return $"the {recipe.Type} recipe uses tileset source '{sourceId}', whose file {file} is GeoJSON; a raster tileset is made from GeoTIFF, NetCDF or GRIB files.";
        }

        if (recipe.Type == RasterRecipeRules.Raster)
        {
            if (facts.GeoTiff is not { } tiff)
            {
                return $"the raster recipe uses {file} (tileset source '{sourceId}'), a {facts.Format} file; raster tilesets are made from GeoTIFF only. Use \"type\": \"rasterarray\" for NetCDF and GRIB.";
            }

            if (!tiff.IsUint8)
            {
                return $"the raster recipe uses {file} (tileset source '{sourceId}'), whose samples are not 8-bit unsigned integers; raster tilesets take uint8 RGB. Convert it (gdal_translate -ot Byte -scale in.tif out.tif) or use \"type\": \"rasterarray\" for values.";
            }

            if (tiff.Photometric == GeoTiffFacts.PhotometricYCbCr)
            {
                return $"the raster recipe uses {file} (tileset source '{sourceId}'), whose pixels are YCbCr; raster tilesets take RGB only. Convert it (gdal_translate -co PHOTOMETRIC=RGB in.tif out.tif).";
            }

            if (tiff.Photometric != GeoTiffFacts.PhotometricRgb && tiff.SamplesPerPixel < 3)
            {
                return $"the raster recipe uses {file} (tileset source '{sourceId}'), which has {tiff.SamplesPerPixel} sample(s) per pixel and no RGB photometric interpretation; raster tilesets take RGB. Expand it (gdal_translate -expand rgb in.tif out.tif) or use \"type\": \"rasterarray\".";
            }
        }

        return facts.HasCrs || recipe.CrsBySource.ContainsKey(sourceId)
            ? null
            : $"{file} (tileset source '{sourceId}') names no coordinate system (its GeoKeys give no EPSG code) and the recipe's source gives no \"crs\"; add \"crs\": \"EPSG:4326\" (the file's CRS) to the source in the recipe, or assign one to the file (gdal_edit.py -a_srs EPSG:4326 in.tif).";
    }
}
