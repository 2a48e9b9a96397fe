using System;
using System.Globalization;
using System.IO;
using Mapbox.Uploads.Build;

namespace Mapbox.Uploads.Tool.Output;

/// <summary>The readable text form of Tiling Service jobs: one line each for lists, a block for one.</summary>
internal static class JobText
{
    public static string Header => $"{"JOB",-26}  {"STAGE",-11}  {"CREATED",-20}  {"PROCESSED",-14}  {"CU",-6}  ERRORS AND WARNINGS";

    public static string Line(TilesetJob job) =>
        $"{job.Id,-26}  {job.Stage,-11}  {Time(job.Created),-20}  {Megabytes(job.Filesize),-14}  {ComputeUnits(job.ComputeUnits),-6}  {Notes(job)}";

    /// <summary>The job's <c>filesize</c> (bytes of source processed) in megabytes of 10^6 bytes, as Mapbox bills it.</summary>
    public static string Megabytes(long? bytes) => bytes is { } value ? ProcessingEstimate.Format(value) : "-";

    public static string ComputeUnits(double? cu) => cu is { } value ? ProcessingEstimate.ComputeUnits(value) : "-";

    public static void WriteBlock(TextWriter writer, TilesetJob job)
    {
        writer.WriteLine($"job        {job.Id}");
        writer.WriteLine($"tileset    {job.TilesetId}");
        writer.WriteLine($"stage      {job.Stage}");
        writer.WriteLine($"created    {Time(job.Created)}");
        writer.WriteLine($"completed  {Time(job.Completed)}");
        writer.WriteLine($"filesize   {(job.Filesize is { } size ? $"{size} bytes ({Megabytes(size)} processed)" : "-")}");
        writer.WriteLine($"cu         {ComputeUnits(job.ComputeUnits)}");
        foreach (var error in job.Errors)
        {
            writer.WriteLine($"error      {error}");
        }

        foreach (var warning in job.Warnings)
        {
            writer.WriteLine($"warning    {warning}");
        }
    }

    private static string Notes(TilesetJob job) =>
        string.Join("; ", [.. job.Errors, .. job.Warnings]) is { Length: > 0 } notes ? notes : "-";

    private static string Time(long? milliseconds) =>
        UploadText.Timestamp(milliseconds is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
}
