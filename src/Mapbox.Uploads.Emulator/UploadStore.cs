using System;
using System.Collections.Generic;
using System.Linq;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// The upload status records. Progress is never stored: it is computed from the creation timestamp
/// whenever a record is read, so no timer runs and a test clock decides everything.
/// </summary>
internal sealed class UploadStore(TimeProvider clock, TimeSpan processingTime)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, UploadRecord> _uploads = new(StringComparer.Ordinal);

    // Every id ever created keeps its place, so a page cursor stays valid after its upload is deleted.
    private readonly Dictionary<string, long> _sequenceById = new(StringComparer.Ordinal);
    private long _nextSequence;

    public CreateOutcome TryCreate(string owner, string tileset, string? name, string? error)
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            var startedAt = clock.GetTimestamp();
            if (_uploads.Values.Any(upload => upload.Tileset == tileset && View(upload).IsProcessing))
            {
                return new CreateOutcome(null, Busy: true);
            }
            var record = new UploadRecord(RandomText.UploadId(), _nextSequence++, owner, tileset, name, error, now, startedAt);
            _uploads.Add(record.Id, record);
            _sequenceById.Add(record.Id, record.Sequence);
            return new CreateOutcome(View(record), Busy: false);
        }
    }

    public UploadView? Find(string owner, string id)
    {
        lock (_gate)
        {
            return _uploads.TryGetValue(id, out var record) && record.Owner == owner ? View(record) : null;
        }
    }

    public DeleteOutcome Delete(string owner, string id)
    {
        lock (_gate)
        {
            if (!_uploads.TryGetValue(id, out var record) || record.Owner != owner)
            {
                return DeleteOutcome.NotFound;
            }
            if (View(record).IsProcessing)
            {
                return DeleteOutcome.Incomplete;
            }
            _uploads.Remove(id);
            return DeleteOutcome.Deleted;
        }
    }

    /// <summary>One page after <paramref name="startAfterId"/>; null when that cursor is unknown.</summary>
    public UploadPage? List(string owner, bool oldestFirst, int limit, string? startAfterId)
    {
        lock (_gate)
        {
            long? cursor = null;
            if (startAfterId is not null)
            {
                if (!_sequenceById.TryGetValue(startAfterId, out var sequence))
                {
                    return null;
                }
                cursor = sequence;
            }
            var owned = _uploads.Values.Where(upload => upload.Owner == owner);
            var ordered = oldestFirst
                ? owned.Where(upload => cursor is null || upload.Sequence > cursor).OrderBy(upload => upload.Sequence)
                : owned.Where(upload => cursor is null || upload.Sequence < cursor).OrderByDescending(upload => upload.Sequence);
            var candidates = ordered.Take(limit + 1).ToList();
            var page = candidates.Take(limit).Select(View).ToList();
            return new UploadPage(page, HasMore: candidates.Count > limit);
        }
    }

    private UploadView View(UploadRecord record)
    {
        var elapsed = clock.GetElapsedTime(record.StartedAt);
        if (elapsed < TimeSpan.Zero)
        {
            elapsed = TimeSpan.Zero;
        }
        var finished = elapsed >= processingTime;
        var progress = finished ? 1.0 : Math.Floor(elapsed / processingTime * 100) / 100;
        var modified = record.Created + (finished ? processingTime : elapsed);
        if (!finished)
        {
            return new UploadView(record, Complete: false, progress, Error: null, modified);
        }
        return record.Error is null
            ? new UploadView(record, Complete: true, 1.0, Error: null, modified)
            : new UploadView(record, Complete: false, progress, record.Error, modified);
    }
}

internal sealed record UploadRecord(
    string Id, long Sequence, string Owner, string Tileset, string? Name, string? Error, DateTimeOffset Created, long StartedAt);

internal sealed record UploadView(UploadRecord Record, bool Complete, double Progress, string? Error, DateTimeOffset Modified)
{
    public bool IsProcessing => !Complete && Error is null;
}

internal sealed record CreateOutcome(UploadView? Upload, bool Busy);

internal sealed record UploadPage(IReadOnlyList<UploadView> Uploads, bool HasMore);

internal enum DeleteOutcome
{
    Deleted,
    NotFound,
    Incomplete,
}
