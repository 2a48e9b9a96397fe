using Mapbox.Uploads.Sources;

namespace Mapbox.Uploads.Validation.Raster;

/// <summary>What the checks of one raster source file learnt that a recipe's checks judge: the format and, for a GeoTIFF, its pixels and CRS.</summary>
internal sealed class RasterFileFacts
{
    public RasterFileFacts(SourceFileFormat format, GeoTiffFacts? geoTiff)
    {
        Format = format;
        GeoTiff = geoTiff;
    }

    /// <summary>GeoTIFF, NetCDF or GRIB.</summary>
    public SourceFileFormat Format { get; }

    /// <summary>The GeoTIFF's facts; null for NetCDF and GRIB.</summary>
    public GeoTiffFacts? GeoTiff { get; }

    /// <summary>
    /// The file names its coordinate system: GeoKeys with a CRS for a GeoTIFF; NetCDF and GRIB always carry a grid
    /// definition the service reads (GRIB's grid section, NetCDF's CF grid mapping or lat/lon coordinates).
    /// </summary>
    public bool HasCrs => GeoTiff?.HasCrs ?? true;
}
