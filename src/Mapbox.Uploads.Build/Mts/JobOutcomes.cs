using System.Linq;

namespace Mapbox.Uploads.Build;

/// <summary>A finished (or timed-out) job read as the recipe's outcome; its warnings become MSBuild warnings.</summary>
internal static class JobOutcomes
{
    public static ItemOutcome Of(CheckedRecipe recipe, TilesetJobWaitResult result, BuildLog log, string? incremental = null)
    {
        var item = recipe.Recipe;
        var where = $"{item.Ref.Spec} (tileset {item.Ref.Tileset})";
        var job = result.Job;
        var figures = new JobFigures(result.JobId, job?.Stage ?? TilesetJobStages.Processing, job?.TilesetPrecisions, job?.LayerStats, job?.Filesize, incremental, job?.ComputeUnits);
        var how = incremental is null ? string.Empty : $" ({incremental})";
        if (result.TimedOut || job is null)
        {
            return new ItemOutcome(item.Item, ItemStatus.Failed, recipe.Content, result.JobId,
                new ItemFailure(ErrorCodes.Timeout, $"{where}: job {result.JobId} had not finished (stage {figures.Stage}) after MapboxUploadTimeout"), null, figures);
        }

        foreach (var warning in job.Warnings)
        {
            log.Warning(ErrorCodes.TilesetJobWarning, $"{where}: job {result.JobId}: {warning}", item.Ref.FullPath);
        }

        return job.Stage switch
        {
            TilesetJobStages.Success => new ItemOutcome(item.Item, ItemStatus.Succeeded, recipe.Content, result.JobId, null,
                $"Mapbox: {item.Ref.Tileset} published by job {result.JobId} from {item.Ref.Spec}{how}{(job.Warnings.Count > 0 ? $" with {job.Warnings.Count} warning(s)" : string.Empty)}{Processed.Reported(Processed.OfJob(figures))}.",
                figures, Processed: Processed.OfJob(figures)),
            TilesetJobStages.Superseded => new ItemOutcome(item.Item, ItemStatus.Created, recipe.Content, result.JobId, null,
                $"Mapbox: {item.Ref.Tileset}: job {result.JobId} was superseded by a later publish of the same tileset, whose result is the tileset's; the next build publishes {item.Ref.Spec} again.", figures),
            _ when recipe.Plan?.Kind == PublishKind.Changeset && recipe.ChangesetLayers.Count > 0 => ChangesetFailed(recipe, result.JobId, job, figures),
            _ => new ItemOutcome(item.Item, ItemStatus.Failed, recipe.Content, result.JobId,
                new ItemFailure(recipe.IsRaster ? ErrorCodes.RasterJobFailed : ErrorCodes.TilesetJobFailed, $"{where}: job {result.JobId} {job.Stage}: {string.Join("; ", job.Errors.DefaultIfEmpty("the service gave no reason"))}"), null, figures),
        };
    }

    /// <summary>A changeset job that failed: the error stands on the first changed source file; the feature indexes are not advanced.</summary>
    private static ItemOutcome ChangesetFailed(CheckedRecipe recipe, string jobId, TilesetJob job, JobFigures figures)
    {
        var item = recipe.Recipe;
        var source = recipe.ChangesetLayers[0].Source;
        var file = source.Files.First(f => f.Counts is { IsEmpty: false }).File;
        return new ItemOutcome(item.Item, ItemStatus.Failed, recipe.Content, jobId, new ItemFailure(ErrorCodes.ChangesetJobFailed,
            $"{file.Ref.Spec} (tileset source '{source.SourceId}', tileset {item.Ref.Tileset} from {item.Ref.Spec}): changeset job {jobId} {job.Stage}: {string.Join("; ", job.Errors.DefaultIfEmpty("the service gave no reason"))}; the source's feature index is kept as it was, so the next build sends the same changes again",
            File: file.Ref.FullPath), null, figures);
    }
}
