using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Tasks = System.Threading.Tasks;

namespace Mapbox.Uploads.Build;

/// <summary>How a run uploads: wait for processing or not, the bound per tileset, tilesets at once.</summary>
internal sealed class UploadSettings
{
    public UploadSettings(bool wait, TimeSpan timeout, int maxParallel)
    {
        Wait = wait;
        Timeout = timeout;
        MaxParallel = maxParallel;
    }

    public bool Wait { get; }

    public TimeSpan Timeout { get; }

    public int MaxParallel { get; }
}

/// <summary>
/// Stages, creates and waits for a set of tilesets concurrently. The async work runs on the thread
/// pool and the MSBuild thread blocks once on it, so no continuation ever needs the blocked thread.
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
        using var gate = new SemaphoreSlim(_settings.MaxParallel);
        Tasks.Task.Run(() => Tasks.Task.WhenAll(entries.Select(entry => UploadOneAsync(client, gate, entry, cancellationToken))))
            .GetAwaiter()
            .GetResult();
    }

    private async Tasks.Task UploadOneAsync(UploadsClient client, SemaphoreSlim gate, TilesetEntry entry, CancellationToken cancellationToken)
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
                return;
            }

            _log.Normal($"Mapbox: {entry.Tileset} staged; upload {upload.Id} is processing.");
            var final = await client.WaitForCompletionAsync(upload.Id, _settings.Timeout, new ProcessingProgressLog(entry, _log), cancellationToken)
                .ConfigureAwait(false);
            if (final.Failed)
            {
                entry.ErrorCode = ErrorCodes.ProcessingFailed.Code;
                _log.Error(ErrorCodes.ProcessingFailed,
                    $"Mapbox could not process {entry.Item.ItemSpec} into tileset {entry.Tileset} (upload {final.Id}): {final.Error}",
                    entry.FullPath);
                Finish(entry, UploadStatus.Failed, clock, "failed");
                return;
            }

            Finish(entry, UploadStatus.Succeeded, clock, "succeeded");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var (code, detail) = FailureClassifier.Classify(e, cancellationToken);
            entry.ErrorCode = code.Code;
            var upload = entry.UploadId is null ? string.Empty : $" (upload {entry.UploadId})";
            _log.Error(code, $"Uploading {entry.Item.ItemSpec} to tileset {entry.Tileset}{upload} failed: {detail}", entry.FullPath);
            _log.Low($"Mapbox: {entry.Tileset}: {e}");
            Finish(entry, UploadStatus.Failed, clock, "failed");
        }
        finally
        {
            if (entered)
            {
                gate.Release();
            }
        }
    }

    private void Finish(TilesetEntry entry, UploadStatus status, Stopwatch clock, string outcome)
    {
        entry.Status = status;
        if (entry.UploadId is not null)
        {
            UploadStamp.Write(entry);
        }

        var upload = entry.UploadId is null ? "no upload" : $"upload {entry.UploadId}";
        _log.High($"Mapbox: {entry.Tileset} {outcome} ({entry.Item.ItemSpec}, {upload}, {clock.Elapsed.TotalSeconds:F1} s).");
    }
}
