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
}
