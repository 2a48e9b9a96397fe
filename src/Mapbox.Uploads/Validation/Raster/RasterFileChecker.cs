using System.IO;
using System.Threading;
using Mapbox.Uploads.Sources;

namespace Mapbox.Uploads.Validation.Raster;

/// <summary>
/// The checks of one raster source file that need no recipe: its structure as far as a read proves it. GeoTIFF
/// through <see cref="GeoTiffReader"/> (the reading the Uploads check judges too) plus a raster-to-model transform;
/// NetCDF through <see cref="NetCdfReader"/>; GRIB through <see cref="GribReader"/>. Whether the pixels and the CRS
/// suit the recipe is judged later, on the facts returned (<see cref="RasterRecipeSourceRules"/>).
/// </summary>
internal static class RasterFileChecker
{
    public static (RasterFileFacts? Facts, string? Problem) Check(SourceFileFormat format, Stream stream, CancellationToken cancellationToken)
    {
        switch (format)
        {
            case SourceFileFormat.GeoTiff:
                var (facts, structure) = GeoTiffReader.Read(stream);
                if (structure is not null)
                {
                    return (null, structure);
                }

                if (!facts!.HasTransform)
                {
                    return (null, facts.HasGeoKeys ? GeoTiffValidator.NoTransform : GeoTiffValidator.NoGeoKeys);
                }

                return (new RasterFileFacts(format, facts), null);
            case SourceFileFormat.NetCdf:
                var (_, netCdfProblem) = NetCdfReader.Read(stream, cancellationToken);
                return netCdfProblem is null ? (new RasterFileFacts(format, null), null) : (null, netCdfProblem);
            default:
                var (_, gribProblem) = GribReader.Read(stream, cancellationToken);
                return gribProblem is null ? (new RasterFileFacts(format, null), null) : (null, gribProblem);
        }
    }

    /// <summary>The facts of a file already checked, read again without hashing: a GeoTIFF costs its directory, the others nothing.</summary>
    public static RasterFileFacts? FactsOf(string path)
    {
        if (SourceFileFormats.Of(path) is not { } format || !format.IsRaster())
        {
            return null;
        }

        if (format != SourceFileFormat.GeoTiff)
        {
            return new RasterFileFacts(format, null);
        }

        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
            var (facts, _) = GeoTiffReader.Read(file);
            return facts is null ? null : new RasterFileFacts(format, facts);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
