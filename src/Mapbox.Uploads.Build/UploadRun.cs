using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using Tasks = System.Threading.Tasks;

namespace Mapbox.Uploads.Build;

/// <summary>
/// Stages and creates a set of tilesets, at most <see cref="UploadSettings.MaxParallel"/> at a time, then waits for
/// all created uploads together through one client wait, so processing holds no staging slot and costs one list
/// request per poll rather than one request per tileset. The async work runs on the thread pool and the MSBuild
/// thread blocks once on it, so no continuation ever needs the blocked thread.
/// </summary>
internal sealed class UploadRun
{
    private readonly MapboxAccessToken _token;
    private readonly UploadsClientOptions _options;
    private readonly BuildLog _log;
    private readonly UploadSettings _settings;

    public UploadRun(MapboxAccessToken token, UploadsClientOptions options, BuildLog log, UploadSettings settings)
    {
        _token = token;
        _options = options;
        _log = log;
        _settings = settings;
    }

    public void Run(IReadOnlyList<TilesetEntry> entries, CancellationToken cancellationToken)
    {
        using var client = new UploadsClient(_token, _options);
        Tasks.Task.Run(() => RunAsync(client, entries, cancellationToken)).GetAwaiter().GetResult();
    }

    private async Tasks.Task RunAsync(UploadsClient client, IReadOnlyList<TilesetEntry> entries, CancellationToken cancellationToken)
    {
        using var gate = new SemaphoreSlim(_settings.MaxParallel);
        var created = await Tasks.Task.WhenAll(entries.Select(entry => StageAndCreateAsync(client, gate, entry, cancellationToken))).ConfigureAwait(false);
        var processing = created.Where(upload => upload is not null).Select(upload => upload!).ToList();
        if (processing.Count > 0)
        {
            await WaitForProcessingAsync(client, processing, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stages and creates one tileset inside a slot; null when it failed or needs no wait.</summary>
    private async Tasks.Task<CreatedUpload?> StageAndCreateAsync(UploadsClient client, SemaphoreSlim gate, TilesetEntry entry, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var entered = false;
        try
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            entered = true;
            clock.Restart();
            _log.High($"Mapbox: uploading {entry.Item.ItemSpec} to tileset {entry.Tileset}.");
            var options = new UploadOptions
            {
                Name = entry.Name,
                Patch = entry.Patch,
                BypassValidation = entry.BypassValidation,
                Validate = false, // the task validated every file before any request
            };
            var upload = await client.UploadAsync(entry.FullPath, entry.Tileset, options, new StagingProgressLog(entry, _log), cancellationToken)
                .ConfigureAwait(false);
            entry.UploadId = upload.Id;
            if (!_settings.Wait)
            {
                Finish(entry, UploadStatus.Created, clock, "created, not waiting for processing (MapboxUploadWait=false)");
                return null;
            }

            _log.Normal($"Mapbox: {entry.Tileset} staged; upload {upload.Id} is processing.");
            return new CreatedUpload(entry, upload, clock);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Fail(entry, e, clock, cancellationToken);
            return null;
        }
        finally
        {
            if (entered)
            {
                gate.Release();
            }
        }
    }

    private async Tasks.Task WaitForProcessingAsync(UploadsClient client, IReadOnlyList<CreatedUpload> processing, CancellationToken cancellationToken)
    {
        var byId = processing.ToDictionary(created => created.Upload.Id, StringComparer.Ordinal);
        var progress = new BatchProgressLog(processing.ToDictionary(
            created => created.Upload.Id,
            created => new ProcessingProgressLog(created.Entry, _log),
            StringComparer.Ordinal));
        IReadOnlyList<UploadWaitResult> results;
        try
        {
            results = await client.WaitForCompletionAsync(processing.Select(created => created.Upload), _settings.Timeout, progress, cancellationToken)
                .ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            foreach (var created in processing)
            {
                Fail(created.Entry, e, created.Clock, cancellationToken);
            }

            return;
        }

        foreach (var result in results)
        {
            var created = byId[result.UploadId];
            Conclude(created, result, cancellationToken);
        }
    }

    private void Conclude(CreatedUpload created, UploadWaitResult result, CancellationToken cancellationToken)
    {
        var entry = created.Entry;
        if (result.Failure is not null)
        {
            Fail(entry, result.Failure, created.Clock, cancellationToken);
        }
        else if (result.TimedOut)
        {
            var progress = result.Upload?.Progress ?? 0;
            Fail(entry, new TimeoutException(FormattableString.Invariant(
                $"upload {result.UploadId} was still processing ({progress:P0}) after {_settings.Timeout}. It continues on the service; check it later with its id.")),
                created.Clock, cancellationToken);
        }
        else if (result.Upload!.Failed)
        {
            entry.ErrorCode = ErrorCodes.ProcessingFailed.Code;
            _log.Error(ErrorCodes.ProcessingFailed,
                $"Mapbox could not process {entry.Item.ItemSpec} into tileset {entry.Tileset} (upload {result.UploadId}): {result.Upload.Error}",
                entry.FullPath);
            Finish(entry, UploadStatus.Failed, created.Clock, "failed");
        }
        else
        {
            Finish(entry, UploadStatus.Succeeded, created.Clock, "succeeded");
        }
    }

    private void Fail(TilesetEntry entry, Exception e, Stopwatch clock, CancellationToken cancellationToken)
    {
        var (code, detail) = FailureClassifier.Classify(e, cancellationToken);
        entry.ErrorCode = code.Code;
        var upload = entry.UploadId is null ? string.Empty : $" (upload {entry.UploadId})";
        _log.Error(code, $"Uploading {entry.Item.ItemSpec} to tileset {entry.Tileset}{upload} failed: {detail}", entry.FullPath);
        _log.Low($"Mapbox: {entry.Tileset}: {e}");
        Finish(entry, UploadStatus.Failed, clock, "failed");
    }

    private void Finish(TilesetEntry entry, UploadStatus status, Stopwatch clock, string outcome)
    {
        entry.Status = status;
        if (entry.UploadId is not null)
        {
            WriteStamp(entry);
        }

        var upload = entry.UploadId is null ? "no upload" : $"upload {entry.UploadId}";
        _log.High(FormattableString.Invariant($"Mapbox: {entry.Tileset} {outcome} ({entry.Item.ItemSpec}, {upload}, {clock.Elapsed.TotalSeconds:F1} s)."));
    }

    /// <summary>A stamp that cannot be written costs a repeated upload next time, never this build's result or its upload id.</summary>
    private void WriteStamp(TilesetEntry entry)
    {
        try
        {
            UploadStamp.Write(entry);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.Warning(ErrorCodes.StampNotWritten,
                $"The record of upload {entry.UploadId} ({entry.Status}) of {entry.Item.ItemSpec} to tileset {entry.Tileset} could not be written to {entry.StampPath}: {e.Message}",
                entry.FullPath);
        }
    }

    private sealed class CreatedUpload
    {
        public CreatedUpload(TilesetEntry entry, Upload upload, Stopwatch clock)
        {
            Entry = entry;
            Upload = upload;
            Clock = clock;
        }

        public TilesetEntry Entry { get; }

        public Upload Upload { get; }

        /// <summary>Started when the tileset's slot was entered, so the end line's duration covers staging and processing.</summary>
        public Stopwatch Clock { get; }
    }
}
