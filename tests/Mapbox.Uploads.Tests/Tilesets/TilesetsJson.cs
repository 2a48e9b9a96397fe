namespace Mapbox.Uploads.Tests.Tilesets;

internal static class TilesetsJson
{
    public static string Job(string id, string stage, string errors = "[]", string warnings = "[]") =>
        $"{{\"id\":\"{id}\",\"stage\":\"{stage}\",\"tilesetId\":\"alice.roads\",\"created\":1700000000000,\"errors\":{errors},\"warnings\":{warnings}," +
        "\"tileset_precisions\":{\"10m\":12.5},\"layer_stats\":{\"roads\":{\"total_features\":3}},\"filesize\":2048}";

    public const string SourceAnswer = "{\"id\":\"mapbox://tileset-source/alice/roads\",\"files\":1,\"source_size\":10,\"file_size\":10}";
}
