using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Tasks = System.Threading.Tasks;

namespace Mapbox.Uploads.Build;

/// <summary>
/// The stages that talk to the service: reads the status of uploads earlier builds did not wait for, stages and
/// creates the rest at most <see cref="UploadSettings.MaxParallel"/> at a time, then waits for all created uploads
/// together through one client wait (one list request per poll rather than one request per tileset). Each stage
/// returns outcomes; nothing here logs a result or writes a record. The async work runs on the thread pool and the
/// MSBuild thread blocks once on it, so no continuation ever needs the blocked thread.
/// </summary>
internal sealed class UploadRun
{
    private readonly UploadsClient _client;
    private readonly BuildLog _log;
    private readonly UploadSettings _settings;

    public UploadRun(UploadsClient client, BuildLog log, UploadSettings settings)
    {
        _client = client;
        _log = log;
        _settings = settings;
    }

    /// <summary>Uploads <paramref name="toUpload"/> and asks after <paramref name="toAsk"/>; one outcome per item.</summary>
    public IReadOnlyList<ItemOutcome> Run(IReadOnlyList<Checked> toUpload, IReadOnlyList<Checked> toAsk, CancellationToken cancellationToken) =>
        Tasks.Task.Run(() => RunAsync(toUpload, toAsk, cancellationToken)).GetAwaiter().GetResult();

    private async Tasks.Task<IReadOnlyList<ItemOutcome>> RunAsync(IReadOnlyList<Checked> toUpload, IReadOnlyList<Checked> toAsk, CancellationToken cancellationToken)
    {
        var outcomes = new List<ItemOutcome>();
        var processing = new List<InFlight>();
        var uploadAgain = new List<Checked>(toUpload);
        foreach (var answer in await Tasks.Task.WhenAll(toAsk.Select(item => AskServiceAsync(item, cancellationToken))).ConfigureAwait(false))
        {
            switch (answer)
            {
                case ItemOutcome outcome:
                    outcomes.Add(outcome);
                    break;
                case InFlight inFlight:
                    processing.Add(inFlight);
                    break;
                case Checked again:
                    uploadAgain.Add(again);
                    break;
            }
        }

        using var gate = new SemaphoreSlim(_settings.MaxParallel);
        foreach (var created in await Tasks.Task.WhenAll(uploadAgain.Select(item => StageAndCreateAsync(gate, item, cancellationToken))).ConfigureAwait(false))
        {
            if (created is InFlight inFlight)
            {
                processing.Add(inFlight);
            }
            else
            {
                outcomes.Add((ItemOutcome)created);
            }
        }

        if (processing.Count > 0)
        {
            outcomes.AddRange(await WaitForProcessingAsync(processing, cancellationToken).ConfigureAwait(false));
        }

        return outcomes;
    }

    /// <summary>One status read of an upload an earlier build created and did not wait for.</summary>
    private async Tasks.Task<object> AskServiceAsync(Checked item, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var uploadId = item.Decision.UploadId!;
        Upload upload;
        try
        {
            upload = await _client.GetStatusAsync(uploadId, cancellationToken).ConfigureAwait(false);
        }
        catch (MapboxApiException e) when (e.Failure == MapboxApiFailure.NotFound)
        {
            _log.Normal($"Mapbox: upload {uploadId} of {item.Tileset.Ref.Spec} is unknown to the service; uploading again.");
            return item;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Failed(item, uploadId, e, clock, cancellationToken);
        }

        var spec = item.Tileset.Ref.Spec;
        var tileset = item.Tileset.Ref.Tileset;
        if (upload.Succeeded)
        {
            return new ItemOutcome(item.Tileset.Item, ItemStatus.Skipped, item.Content, uploadId, null,
                $"Mapbox: {tileset} is up to date ({spec} unchanged since upload {uploadId}, which has since succeeded); skipped.");
        }

        if (upload.Failed)
        {
            _log.Normal($"Mapbox: upload {uploadId} of {spec} to {tileset} failed on the service ({upload.Error}); uploading again.");
            return item;
        }

        if (_settings.Wait)
        {
            _log.Normal($"Mapbox: {spec} is unchanged since upload {uploadId}, still processing; waiting for it.");
            return new InFlight(item, upload, clock);
        }

        return new ItemOutcome(item.Tileset.Item, ItemStatus.Created, item.Content, uploadId, null,
            FormattableString.Invariant($"Mapbox: {tileset} is still processing upload {uploadId} ({upload.Progress:0%}) of unchanged {spec}; not waiting (MapboxUploadWait=false)."));
    }

    /// <summary>Stages and creates one tileset inside a slot: the upload to wait for, or the item's outcome.</summary>
    private async Tasks.Task<object> StageAndCreateAsync(SemaphoreSlim gate, Checked item, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var entered = false;
        var tileset = item.Tileset;
        try
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            entered = true;
            clock.Restart();
            _log.High($"Mapbox: uploading {tileset.Ref.Spec} to tileset {tileset.Ref.Tileset}.");
            var options = new UploadOptions
            {
                Name = tileset.Name,
                Patch = tileset.Patch,
                BypassValidation = tileset.BypassValidation,
                Validate = false, // the checks validated every file before any request
                ExpectedSha256 = item.Content.Sha256,
                CheckedFile = item.Content.CheckedFile,
            };
            var upload = await _client.UploadAsync(tileset.Ref.FullPath, tileset.Ref.Tileset, options, new StagingProgressLog(tileset.Ref.Tileset, _log), cancellationToken)
                .ConfigureAwait(false);
            if (!_settings.Wait)
            {
                return Ended(item, ItemStatus.Created, upload.Id, null, clock, "created, not waiting for processing (MapboxUploadWait=false)");
            }

            _log.Normal($"Mapbox: {tileset.Ref.Tileset} staged; upload {upload.Id} is processing.");
            return new InFlight(item, upload, clock);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Failed(item, null, e, clock, cancellationToken);
        }
        finally
        {
            if (entered)
            {
                gate.Release();
            }
        }
    }

    private async Tasks.Task<IEnumerable<ItemOutcome>> WaitForProcessingAsync(IReadOnlyList<InFlight> processing, CancellationToken cancellationToken)
    {
        var byId = processing.ToDictionary(inFlight => inFlight.Upload.Id, StringComparer.Ordinal);
        var progress = new BatchProgressLog(processing.ToDictionary(
            inFlight => inFlight.Upload.Id,
            inFlight => new ProcessingProgressLog(inFlight.Item.Tileset.Ref.Tileset, _log),
            StringComparer.Ordinal));
        IReadOnlyList<UploadWaitResult> results;
        try
        {
            results = await _client.WaitForCompletionAsync(processing.Select(inFlight => inFlight.Upload), _settings.Timeout, progress, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return processing.Select(inFlight => Failed(inFlight.Item, inFlight.Upload.Id, e, inFlight.Clock, cancellationToken)).ToList();
        }

        return results.Select(result => Conclude(byId[result.UploadId], result, cancellationToken)).ToList();
    }

    private ItemOutcome Conclude(InFlight inFlight, UploadWaitResult result, CancellationToken cancellationToken)
    {
        var item = inFlight.Item;
        var spec = item.Tileset.Ref.Spec;
        var tileset = item.Tileset.Ref.Tileset;
        if (result.Failure is not null)
        {
            return Failed(item, result.UploadId, result.Failure, inFlight.Clock, cancellationToken);
        }

        if (result.TimedOut)
        {
            var failure = new ItemFailure(ErrorCodes.Timeout, FormattableString.Invariant(
                $"Uploading {spec} to tileset {tileset} (upload {result.UploadId}) failed: it was still processing ({result.Upload?.Progress ?? 0:0%}) after {_settings.Timeout}. It continues on the service; check it later with its id."));
            return Ended(item, ItemStatus.Failed, result.UploadId, failure, inFlight.Clock, "failed");
        }

        if (result.Upload!.Failed)
        {
            var failure = new ItemFailure(ErrorCodes.ProcessingFailed,
                $"Mapbox could not process {spec} into tileset {tileset} (upload {result.UploadId}): {result.Upload.Error}");
            return Ended(item, ItemStatus.Failed, result.UploadId, failure, inFlight.Clock, "failed");
        }

        return Ended(item, ItemStatus.Succeeded, result.UploadId, null, inFlight.Clock, "succeeded");
    }

    private static ItemOutcome Failed(Checked item, string? uploadId, Exception e, Stopwatch clock, CancellationToken cancellationToken)
    {
        var (code, detail) = FailureCodes.Classify(e, cancellationToken);
        var upload = uploadId is null ? string.Empty : $" (upload {uploadId})";
        var failure = new ItemFailure(code, $"Uploading {item.Tileset.Ref.Spec} to tileset {item.Tileset.Ref.Tileset}{upload} failed: {detail}", Detail: e.ToString());
        return Ended(item, ItemStatus.Failed, uploadId, failure, clock, "failed");
    }

    private static ItemOutcome Ended(Checked item, ItemStatus status, string? uploadId, ItemFailure? failure, Stopwatch clock, string outcome)
    {
        var upload = uploadId is null ? "no upload" : $"upload {uploadId}";
        // An upload that succeeded had its whole file processed; the Uploads API reports no compute units.
        var processed = status == ItemStatus.Succeeded ? new Processed(item.Content.Length, null) : null;
        var summary = FormattableString.Invariant($"Mapbox: {item.Tileset.Ref.Tileset} {outcome} ({item.Tileset.Ref.Spec}, {upload}, {clock.Elapsed.TotalSeconds:F1} s){Processed.Reported(processed)}.");
        return new ItemOutcome(item.Tileset.Item, status, item.Content, uploadId, failure, summary, Duration: clock.Elapsed, Processed: processed);
    }

    /// <summary>An upload on the service to wait for.</summary>
    /// <param name="Item">The item.</param>
    /// <param name="Upload">Its status as created or last read.</param>
    /// <param name="Clock">Started when the tileset's slot was entered, so the end line's duration covers staging and processing.</param>
    private sealed record InFlight(Checked Item, Upload Upload, Stopwatch Clock);
}
