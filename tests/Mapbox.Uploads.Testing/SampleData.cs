namespace Mapbox.Uploads.Testing;

/// <summary>Small valid data files that the task, package and tool tests upload.</summary>
public static class SampleData
{
    public const string RoadsGeoJson = """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Main St"},"geometry":{"type":"LineString","coordinates":[[13.40,52.52],[13.41,52.53]]}}]}
        """;

    public const string StopsCsv = "name,latitude,longitude\nCentral,52.5200,13.4050\nHarbour,52.5010,13.4420\n";
}
