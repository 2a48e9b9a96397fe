using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mapbox.Uploads.Tool.Output;

/// <summary>The one shape of --json output: camelCase, indented, nulls kept so every field is always present.</summary>
internal static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
