using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Mapbox.Uploads.Http;

/// <summary>The Tiling Service's JSON request bodies; a recipe is embedded exactly as the caller wrote it.</summary>
internal static class TilesetsJson
{
    public static HttpContent Recipe(string recipeJson) => Json(Encoding.UTF8.GetBytes(recipeJson));

    public static HttpContent NewTileset(NewTileset tileset) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WritePropertyName("recipe");
        writer.WriteRawValue(tileset.RecipeJson);
        writer.WriteString("name", tileset.Name);
        writer.WriteBoolean("private", tileset.Private);
        if (tileset.Description is { } description)
        {
            writer.WriteString("description", description);
        }

        WriteAttribution(writer, tileset.AttributionJson);
        writer.WriteEndObject();
    });

    public static HttpContent Update(TilesetUpdate update) => Write(writer =>
    {
        writer.WriteStartObject();
        if (update.Name is { } name)
        {
            writer.WriteString("name", name);
        }

        if (update.Description is { } description)
        {
            writer.WriteString("description", description);
        }

        if (update.Private is { } isPrivate)
        {
            writer.WriteBoolean("private", isPrivate);
        }

        WriteAttribution(writer, update.AttributionJson);
        writer.WriteEndObject();
    });

    /// <summary><c>{"layers":{"&lt;layer&gt;":{"changeset":"mapbox://tileset-changeset/{user}/{id}"}}}</c>, layers in the given order.</summary>
    public static HttpContent PublishChangesets(string username, System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<string, string>> changesetByLayer) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("layers");
        foreach (var layer in changesetByLayer)
        {
            writer.WriteStartObject(layer.Key);
            writer.WriteString("changeset", ChangesetIds.ToUri(username, layer.Value));
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    public static HttpContent Empty() => Json(System.Array.Empty<byte>());

    private static void WriteAttribution(Utf8JsonWriter writer, string? attributionJson)
    {
        if (attributionJson is not null)
        {
            writer.WritePropertyName("attribution");
            writer.WriteRawValue(attributionJson);
        }
    }

    private static HttpContent Write(System.Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Json(buffer.ToArray());
    }

    private static HttpContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
