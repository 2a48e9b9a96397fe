using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Mapbox.Uploads.Http;

namespace Mapbox.Uploads.Build;

/// <summary>
/// The JSON summary of a run (mapbox-uploads.json) for later pipeline steps: one record per item with
/// its file, tileset, upload id and status. It holds no token, not even one pasted into MapboxApiUrl's query
/// (the client drops that query; the manifest echoes the property as given).
/// </summary>
internal static class UploadManifest
{
    public static void Write(string path, string apiUrl, IEnumerable<TilesetEntry> entries)
    {
        var directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("apiUrl", Redaction.Text(apiUrl));
            json.WriteStartArray("tilesets");
            foreach (var entry in entries)
            {
                json.WriteStartObject();
                json.WriteString("file", entry.FullPath);
                json.WriteString("tileset", entry.Tileset.ToString());
                json.WriteString("uploadId", entry.UploadId);
                json.WriteString("status", entry.Status.ToString());
                json.WriteBoolean("skipped", entry.Skipped);
                json.WriteString("contentHash", entry.ContentHash);
                json.WriteString("errorCode", entry.ErrorCode);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        File.WriteAllBytes(path, stream.ToArray());
    }
}
