using System;

namespace Mapbox.Uploads.Build;

/// <summary>A failure of one item: its code and message, where in the file (for checks), and detail for -v:diag.</summary>
/// <param name="Code">The failure's code.</param>
/// <param name="Message">What failed and how to fix it.</param>
/// <param name="Line">The line in the file, for checks.</param>
/// <param name="Column">The column in the file, for checks.</param>
/// <param name="Detail">More for -v:diag.</param>
/// <param name="File">The file the error points at when it is not the item's own (a recipe's changeset job that failed points at its source file).</param>
internal sealed record ItemFailure(ErrorCode Code, string Message, int Line = 0, int Column = 0, string? Detail = null, string? File = null);

/// <summary>
/// How a stage left an item. Stages only return these; <see cref="OutcomeRecorder"/> applies them (log, stamp,
/// manifest, outputs) in one place.
/// </summary>
/// <param name="Item">The item.</param>
/// <param name="Status">Where it ended.</param>
/// <param name="Content">Its content as checked (or as its stamp proved it), when known.</param>
/// <param name="UploadId">The service's id of its publication, when one exists.</param>
/// <param name="Failure">Why it failed, if it did.</param>
/// <param name="Summary">The item's one High-importance result line, if it has one.</param>
/// <param name="Job">The Tiling Service job that published the item, for a recipe.</param>
/// <param name="Duration">How long the item ran, from its start to its result; null when it never started.</param>
/// <param name="Processed">What Mapbox processed (and bills) for the item in this build, as reported after it; null when nothing was.</param>
internal sealed record ItemOutcome(PipelineItem Item, ItemStatus Status, ContentFingerprint? Content, string? UploadId, ItemFailure? Failure, string? Summary, JobFigures? Job = null, TimeSpan? Duration = null, Processed? Processed = null)
{
    public static ItemOutcome Failed(PipelineItem item, ContentFingerprint? content, string? uploadId, ItemFailure failure, string? summary = null, TimeSpan? duration = null) =>
        new(item, ItemStatus.Failed, content, uploadId, failure, summary, Duration: duration);
}
