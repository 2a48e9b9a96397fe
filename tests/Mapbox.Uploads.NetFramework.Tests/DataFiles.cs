using System.Text;

namespace Mapbox.Uploads.NetFramework.Tests;

/// <summary>Small valid data files, and a big one that the client stages in parts.</summary>
public static class DataFiles
{
    public const string ParksGeoJson = """
        {"type":"FeatureCollection","features":[
          {"type":"Feature","properties":{"name":"Clara-Zetkin-Park"},"geometry":{"type":"Point","coordinates":[12.3563,51.3311]}},
          {"type":"Feature","properties":{"name":"Rosental"},"geometry":{"type":"Polygon","coordinates":[[[12.355,51.351],[12.366,51.351],[12.366,51.357],[12.355,51.351]]]}}
        ]}
        """;

    /// <summary>A GeoJSON of at least <paramref name="minimumBytes"/>: above the client's 16 MiB multipart threshold, staged in parts.</summary>
    public static string BigGeoJson(int minimumBytes)
    {
        const string Feature = "{\"type\":\"Feature\",\"properties\":{\"name\":\"Auenwald\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[12.329,51.343]}}";
        var text = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        for (var index = 0; text.Length < minimumBytes; index++)
        {
            text.Append(index == 0 ? string.Empty : ",").Append(Feature);
        }

        return text.Append("]}").ToString();
    }
}
