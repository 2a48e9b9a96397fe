using System.Globalization;
using System.IO;
using Mapbox.Uploads.Validation.Raster;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// What the Uploads API requires of a GeoTIFF, judged on <see cref="GeoTiffReader"/>'s reading of the header and the
/// first image directory (classic TIFF and BigTIFF): 8 bits per sample and GeoTIFF georeferencing.
/// </summary>
internal static class GeoTiffValidator
{
    public static FileProblem? Validate(Stream stream)
    {
        var (facts, structure) = GeoTiffReader.Read(stream);
        if (structure is not null)
        {
            return Problem(structure);
        }

        if (facts!.BitsPerSample is not { } bits)
        {
            return Problem("The TIFF does not state its bits per sample, which then means 1 bit; Mapbox accepts only 8-bit GeoTIFFs. Convert it, e.g. gdal_translate -ot Byte -scale in.tif out.tif.");
        }

        for (var sample = 0; sample < bits.Count; sample++)
        {
            if (bits[sample] != 8)
            {
                return Problem(string.Format(CultureInfo.InvariantCulture,
                    "The GeoTIFF has {0} bits in sample {1}; Mapbox accepts only 8-bit GeoTIFFs. Convert it, e.g. gdal_translate -ot Byte -scale in.tif out.tif.",
                    bits[sample], sample + 1));
            }
        }

        if (!facts.HasGeoKeys)
        {
            return Problem(NoGeoKeys);
        }

        if (!facts.HasTransform)
        {
            return Problem(NoTransform);
        }

        return null;
    }

    internal const string NoGeoKeys = "The TIFF is not georeferenced: it has no GeoKeyDirectory tag (34735). Assign it a coordinate system and extent, e.g. gdal_translate -a_srs EPSG:4326 -a_ullr ulx uly lrx lry in.tif out.tif.";

    internal const string NoTransform = "The TIFF has GeoKeys but no raster-to-model transform: it needs ModelPixelScale (33550) with ModelTiepoint (33922), ModelTransformation (34264), or at least 3 ground control points in ModelTiepoint. Georeference it again, e.g. with gdal_translate -a_ullr or gdalwarp.";

    private static FileProblem Problem(string message) => new(FileProblemKind.InvalidGeoTiff, message);
}
