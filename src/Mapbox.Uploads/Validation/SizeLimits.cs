using System.Globalization;

namespace Mapbox.Uploads.Validation;

internal static class SizeLimits
{
    public static string TooLargeMessage(UploadFileTypeInfo typeInfo, long actualBytes)
    {
        var measured = typeInfo.LimitAppliesToFile ? "The file is" : "The uncompressed .shp and .dbf are";
        var advice = typeInfo.Type switch
        {
            UploadFileType.GeoJson or UploadFileType.Csv or UploadFileType.Gpx or UploadFileType.Kml or UploadFileType.Shapefile =>
                "Split the data into several uploads, or convert it to MBTiles (e.g. with tippecanoe), which may be up to 25 GB.",
            UploadFileType.GeoTiff => "Compress it, reduce its resolution or split it into tiles uploaded separately.",
            _ => "Split it into several tilesets.",
        };
        return string.Format(
            CultureInfo.InvariantCulture,
            "{0} {1} bytes; Mapbox accepts {2} up to {3} ({4} bytes). {5}",
            measured, actualBytes, typeInfo.Name, typeInfo.LimitText, typeInfo.MaxBytes, advice);
    }
}
