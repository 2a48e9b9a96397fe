using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mapbox.Uploads.Http;

/// <summary>
/// Reads the service's <c>errors</c> and <c>warnings</c> arrays as text: strings stay as they are, any other
/// element (the service documents no shape for them) becomes its JSON text, so nothing it says is lost.
/// </summary>
internal sealed class MessageListConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return Array.Empty<string>();
        }

        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            return new[] { Text(root) };
        }

        var messages = new List<string>();
        foreach (var element in root.EnumerateArray())
        {
            messages.Add(Text(element));
        }

        return messages;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var message in value)
        {
            writer.WriteStringValue(message);
        }

        writer.WriteEndArray();
    }

    private static string Text(JsonElement element) =>
        element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText();
}
