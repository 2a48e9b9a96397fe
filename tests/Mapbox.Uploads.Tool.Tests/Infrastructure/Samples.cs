using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace Mapbox.Uploads.Tool.Tests.Infrastructure;

/// <summary>Data files for the tool to check and upload.</summary>
public static class Samples
{
    public const string ValidGeoJson =
        """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[13.4,52.5]},"properties":{"name":"a"}}]}""";

    /// <summary>Latitude 200 on line 1: the checks refuse it with MBX3010.</summary>
    public const string GeoJsonWithBadLatitude =
        """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[13.4,200]},"properties":{}}]}""";

    /// <summary>A valid GeoJSON file of at least <paramref name="bytes"/> bytes: large enough for a multipart staging.</summary>
    public static void WriteLargeGeoJson(string path, long bytes)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        writer.Write("""{"type":"FeatureCollection","features":[""");
        var written = 0L;
        for (var index = 0; written < bytes; index++)
        {
            var separator = index == 0 ? string.Empty : ",";
            var feature = string.Create(CultureInfo.InvariantCulture,
                $"{separator}{{\"type\":\"Feature\",\"geometry\":{{\"type\":\"Point\",\"coordinates\":[{index % 360 - 180},{index % 170 - 85}]}},\"properties\":{{\"n\":{index}}}}}");
            writer.Write(feature);
            written += feature.Length;
        }

        writer.Write("]}");
    }

    /// <summary>A tileset id no other test uses, so no upload is busy with it.</summary>
    public static string UniqueMapId(string stem) => $"{stem}-{Guid.NewGuid():N}"[..24];
}
