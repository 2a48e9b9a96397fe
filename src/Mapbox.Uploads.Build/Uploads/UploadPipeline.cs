using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Mapbox.Uploads.Build;

/// <summary>What a run of the upload pipeline is asked to do, besides the items.</summary>
/// <param name="Force">Upload even what is up to date (MapboxUploadForce).</param>
/// <param name="AlwaysHash">Read every file, never trusting length and last-write time (MapboxUploadAlwaysHash).</param>
/// <param name="DryRun">Check everything, send nothing (MapboxUploadDryRun).</param>
internal sealed record RunOptions(bool Force, bool AlwaysHash, bool DryRun);

/// <summary>
/// The Uploads API pipeline, one way: items (read) -> checks and up-to-date decision -> status of earlier unwaited
/// uploads, staging and create, wait -> outcomes. The shared stages (<see cref="FileChecks"/>, <see cref="Freshness"/>,
/// <see cref="StampStore"/>) know nothing of the Uploads API; a second pipeline reuses them with its own items and client.
/// </summary>
internal sealed class UploadPipeline
{
    private readonly RunOptions _options;
    private readonly StampStore _stamps;
    private readonly BuildLog _log;

    public UploadPipeline(RunOptions options, StampStore stamps, BuildLog log)
    {
        _options = options;
        _stamps = stamps;
        _log = log;
    }

    /// <summary>Runs the items up to the first request; the plan's <see cref="PipelinePlan.Complete"/> runs <paramref name="upload"/>, only when something must be sent.</summary>
    /// <param name="items">The items that were read without a problem.</param>
    /// <param name="allItemsRead">False when an item could not be read: then nothing is sent.</param>
    /// <param name="upload">Sends: the items to upload and those whose earlier upload to ask after.</param>
    /// <param name="cancellationToken">Stops the checks and every request.</param>
    public PipelinePlan Plan(
        IReadOnlyList<TilesetItem> items,
        bool allItemsRead,
        Func<IReadOnlyList<Checked>, IReadOnlyList<Checked>, IReadOnlyList<ItemOutcome>> upload,
        CancellationToken cancellationToken)
    {
        var outcomes = new List<ItemOutcome>();
        var toSend = new List<Checked>();
        foreach (var item in items)
        {
            switch (Prepare(item, cancellationToken))
            {
                case ItemOutcome outcome:
                    outcomes.Add(outcome);
                    break;
                case Checked checkedItem:
                    toSend.Add(checkedItem);
                    break;
            }
        }

        var estimate = outcomes.Where(outcome => outcome.Status == ItemStatus.Skipped)
            .Select(outcome => new ProcessingRow(outcome.Item.Inputs.Tileset, ProcessedKind.File, 0, null, outcome.Item.Ref.Spec))
            .Concat(toSend.Select(Estimate))
            .ToList();
        if (toSend.Count == 0)
        {
            return new PipelinePlan(outcomes, estimate);
        }

        if (!allItemsRead || outcomes.Any(outcome => outcome.Failure is not null))
        {
            _log.High("Mapbox: nothing was sent, because the checks above failed; the tilesets that passed theirs are listed as Pending and go up once the failures are fixed.");
            return new PipelinePlan(outcomes.Concat(toSend.Select(item => new ItemOutcome(item.Tileset.Item, ItemStatus.Pending, item.Content, null, null, null))).ToList(), estimate);
        }

        if (_options.DryRun)
        {
            return new PipelinePlan(outcomes.Concat(toSend.Select(item => new ItemOutcome(item.Tileset.Item, ItemStatus.Validated, item.Content, null, null,
                $"Mapbox: {item.Tileset.Ref.Spec} would be uploaded to {item.Tileset.Ref.Tileset} (dry run, nothing sent)."))).ToList(), estimate);
        }

        var toAsk = toSend.Where(item => item.Decision.Verdict == Verdict.AskService).ToList();
        var toUpload = toSend.Where(item => item.Decision.Verdict == Verdict.Publish).ToList();
        return new PipelinePlan(outcomes, estimate, () => upload(toUpload, toAsk));
    }

    /// <summary>An upload has its file processed whole; an earlier upload not waited for is asked after, and sent again only if it failed.</summary>
    private static ProcessingRow Estimate(Checked item) => item.Decision.Verdict == Verdict.AskService
        ? new ProcessingRow(item.Tileset.Item.Inputs.Tileset, ProcessedKind.File, 0, null, item.Tileset.Ref.Spec,
            Note: $"upload {item.Decision.UploadId} was not waited for; asked after, and {ProcessingEstimate.Format(item.Content.Length)} sent again only if it failed")
        : new ProcessingRow(item.Tileset.Item.Inputs.Tileset, ProcessedKind.File, item.Content.Length, item.Decision.Why ?? ProcessingReason.Changed, item.Tileset.Ref.Spec);

    /// <summary>The checks and the up-to-date decision: the item's outcome when it is settled here, else what to send.</summary>
    private object Prepare(TilesetItem item, CancellationToken cancellationToken)
    {
        var stamp = _stamps.Read(item.Ref);
        if (!_options.Force && !_options.AlwaysHash && Freshness.ProvenWithoutReading(stamp, item.Item.Inputs, item.Ref.FullPath))
        {
            return UpToDate(item, stamp!.Record.Content!, stamp.Record.UploadId, "unchanged since");
        }

        var (content, failure) = FileChecks.Check(item.Ref, item.Validate, item.AllowEmpty, _log, cancellationToken);
        if (failure is not null)
        {
            return ItemOutcome.Failed(item.Item, null, null, failure);
        }

        var decision = Freshness.Decide(stamp, item.Item.Inputs, content!);
        _log.Low($"Mapbox: {item.Ref.Spec} {decision.Reason}.");
        if (decision.Verdict != Verdict.Publish && _options.Force)
        {
            _log.Normal($"Mapbox: {item.Ref.Spec} {decision.Reason}; uploading anyway (MapboxUploadForce=true).");
            return new Checked(item, content!, decision with { Verdict = Verdict.Publish, Why = ProcessingReason.Forced });
        }

        return decision.Verdict == Verdict.UpToDate
            ? UpToDate(item, content!, decision.UploadId, "unchanged since")
            : new Checked(item, content!, decision);
    }

    private static ItemOutcome UpToDate(TilesetItem item, ContentFingerprint content, string? uploadId, string how) =>
        new(item.Item, ItemStatus.Skipped, content, uploadId, null,
            $"Mapbox: {item.Ref.Tileset} is up to date ({item.Ref.Spec} {how} upload {uploadId}); skipped.");
}
