using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

namespace Mapbox.Uploads.Build;

/// <summary>
/// How stamps and the manifest are written and read: camelCase keys, statuses by name, indented for people. Written
/// with <see cref="Utf8JsonWriter"/> and read with <see cref="JsonDocument"/> rather than <see cref="JsonSerializer"/>:
/// the serializer's first use costs about 60 ms of start-up in every build, a no-op one included (docs/benchmarks.md).
/// </summary>
internal static class RecordJson
{
    private static readonly JsonWriterOptions Indented = new() { Indented = true };

    public static byte[] Serialize(ItemRecord record) => Write(writer => WriteRecord(writer, record));

    public static byte[] Serialize(RunManifest manifest) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("apiUrl", manifest.ApiUrl);
        writer.WriteStartArray("tilesets");
        foreach (var record in manifest.Tilesets)
        {
            WriteRecord(writer, record);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>The record in <paramref name="json"/>; throws <see cref="JsonException"/> (or a subclass) when it is not one.</summary>
    public static ItemRecord DeserializeRecord(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        return new ItemRecord(
            Text(root, "file")!,
            Text(root, "tileset")!,
            Text(root, "account")!,
            Text(root, "apiUrl")!,
            Property(root, "parameters") is { ValueKind: JsonValueKind.Object } parameters
                ? parameters.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal)
                : null!,
            Text(root, "contentHash"),
            Property(root, "length")?.GetInt64() ?? 0,
            Property(root, "lastWriteUtc") is { ValueKind: JsonValueKind.String } written ? written.GetDateTime() : default,
            Text(root, "contentPath"),
            Text(root, "uploadId"),
            Enum.TryParse<ItemStatus>(Text(root, "status"), out var status) ? status : throw new JsonException("The record has no known status."),
            Text(root, "errorCode"),
            Property(root, "job") is { ValueKind: JsonValueKind.Object } job ? ReadJob(job) : null,
            Long(root, "processedBytes"),
            Double(root, "computeUnits"));
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Indented))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    private static void WriteRecord(Utf8JsonWriter writer, ItemRecord record)
    {
        writer.WriteStartObject();
        writer.WriteString("file", record.File);
        writer.WriteString("tileset", record.Tileset);
        writer.WriteString("account", record.Account);
        writer.WriteString("apiUrl", record.ApiUrl);
        writer.WriteStartObject("parameters");
        foreach (var parameter in record.Parameters)
        {
            writer.WriteString(parameter.Key, parameter.Value);
        }

        writer.WriteEndObject();
        writer.WriteString("contentHash", record.ContentHash);
        writer.WriteNumber("length", record.Length);
        if (record.ContentHash is null)
        {
            // Nothing was read (the item failed before its checks ended): no time rather than year 1.
            writer.WriteNull("lastWriteUtc");
        }
        else
        {
            writer.WriteString("lastWriteUtc", record.LastWriteUtc);
        }

        writer.WriteString("contentPath", record.ContentPath);
        writer.WriteString("uploadId", record.UploadId);
        writer.WriteString("status", record.Status.ToString());
        writer.WriteString("errorCode", record.ErrorCode);
        if (record.Job is { } job)
        {
            writer.WritePropertyName("job");
            WriteJob(writer, job);
        }
        else
        {
            writer.WriteNull("job");
        }

        WriteNumber(writer, "processedBytes", record.ProcessedBytes);
        WriteNumber(writer, "processedMegabytes", record.ProcessedBytes is { } bytes ? ProcessingEstimate.Megabytes(bytes) : null);
        WriteNumber(writer, "computeUnits", record.ComputeUnits);
        writer.WriteBoolean("skipped", record.Skipped);
        writer.WriteEndObject();
    }

    private static void WriteJob(Utf8JsonWriter writer, JobFigures job)
    {
        writer.WriteStartObject();
        writer.WriteString("jobId", job.JobId);
        writer.WriteString("stage", job.Stage);
        if (job.TilesetPrecisions is { } precisions)
        {
            writer.WriteStartObject("tilesetPrecisions");
            foreach (var precision in precisions)
            {
                writer.WriteNumber(precision.Key, precision.Value);
            }

            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("tilesetPrecisions");
        }

        writer.WritePropertyName("layerStats");
        if (job.LayerStats is { } stats)
        {
            stats.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }

        WriteNumber(writer, "filesize", job.Filesize);
        WriteNumber(writer, "cu", job.ComputeUnits);
        writer.WriteString("incremental", job.Incremental);
        writer.WriteEndObject();
    }

    private static JobFigures ReadJob(JsonElement job) => new(
        Text(job, "jobId") ?? string.Empty,
        Text(job, "stage") ?? string.Empty,
        Property(job, "tilesetPrecisions") is { ValueKind: JsonValueKind.Object } precisions
            ? precisions.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal)
            : null,
        Property(job, "layerStats") is { ValueKind: not JsonValueKind.Null } stats ? stats.Clone() : null,
        Long(job, "filesize"),
        Text(job, "incremental"),
        Double(job, "cu"));

    private static void WriteNumber(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteNumber(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static long? Long(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value ? value.GetInt64() : null;

    private static double? Double(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : null;

    private static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
