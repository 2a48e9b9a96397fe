namespace Mapbox.Uploads.Tests.Api;

internal static class UploadJson
{
    public static string Of(string id, bool complete = false, double progress = 0, string? error = null, string tileset = "alice.roads") =>
        $"{{\"id\":\"{id}\",\"tileset\":\"{tileset}\",\"name\":\"roads\",\"owner\":\"alice\",\"complete\":{(complete ? "true" : "false")}," +
        $"\"progress\":{progress.ToString(System.Globalization.CultureInfo.InvariantCulture)},\"error\":{(error is null ? "null" : $"\"{error}\"")}," +
        "\"created\":\"2014-11-21T19:41:10.000Z\",\"modified\":\"2014-11-21T19:41:10.000Z\"}";

    public const string Credentials =
        "{\"accessKeyId\":\"ASIATESTKEY\",\"secretAccessKey\":\"SECRETACCESSKEYzz\",\"sessionToken\":\"SESSIONTOKENzz\"," +
        "\"bucket\":\"tilestream-tilesets-production\",\"key\":\"_pending/alice/abc123\",\"url\":\"https://tilestream-tilesets-production.s3.amazonaws.com/_pending/alice/abc123\"}";
}
