using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mapbox.Uploads.Build;

/// <summary>How stamps and the manifest are written: camelCase keys, statuses by name, indented for people.</summary>
internal static class RecordJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };
}
