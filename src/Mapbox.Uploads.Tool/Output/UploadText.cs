using System;
using System.Globalization;
using System.IO;

namespace Mapbox.Uploads.Tool.Output;

/// <summary>The readable text form of uploads: one line each for lists, a block for one.</summary>
internal static class UploadText
{
    public static string State(Upload upload) =>
        upload.Failed ? $"failed: {upload.Error}"
        : upload.Complete ? "complete"
        : string.Create(CultureInfo.InvariantCulture, $"processing {upload.Progress:0%}");

    public static string Line(Upload upload) =>
        $"{upload.Id}  {upload.Tileset,-40}  {Timestamp(upload.Created),-20}  {State(upload)}";

    public static string Header => $"{"ID",-25}  {"TILESET",-40}  {"CREATED",-20}  STATE";

    public static void WriteBlock(TextWriter writer, Upload upload)
    {
        writer.WriteLine($"upload    {upload.Id}");
        writer.WriteLine($"tileset   {upload.Tileset}");
        writer.WriteLine($"name      {upload.Name ?? "(none)"}");
        writer.WriteLine($"state     {State(upload)}");
        writer.WriteLine($"created   {Timestamp(upload.Created)}");
        writer.WriteLine($"modified  {Timestamp(upload.Modified)}");
    }

    internal static string Timestamp(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}
