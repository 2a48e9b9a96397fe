using System.Linq;

namespace Mapbox.Uploads.Build;

/// <summary>
/// What Mapbox reported processing for an item in this build: for a Tiling Service job its <c>filesize</c> and
/// <c>cu</c>; for an upload the file's length (the Uploads API reports no cost).
/// </summary>
/// <param name="Bytes">The bytes processed, when reported.</param>
/// <param name="ComputeUnits">The compute units, when reported.</param>
internal sealed record Processed(long? Bytes, double? ComputeUnits)
{
    public static Processed? OfJob(JobFigures job) =>
        job.Filesize is null && job.ComputeUnits is null ? null : new Processed(job.Filesize, job.ComputeUnits);

    /// <summary>What a result line adds for the processing Mapbox reported, e.g. <c>, processed 0.846 MB, 0.4 CU</c>; empty when none was.</summary>
    public static string Reported(Processed? processed) => processed is null ? string.Empty
        : ", processed " + string.Join(", ", new[] { processed.Bytes is { } bytes ? ProcessingEstimate.Format(bytes) : null, processed.ComputeUnits is { } cu ? ProcessingEstimate.Format(cu) : null }.Where(part => part is not null));
}
