using System;
using System.Collections.Generic;
using System.Linq;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// The Tiling Service's sources, tilesets and jobs, in memory. Jobs advance with the clock whenever the store is
/// read: one job per tileset processes at a time, the next queued one starts when it finishes.
/// </summary>
internal sealed partial class TilesetsStore(TimeProvider clock, TimeSpan processingTime) : IDisposable
{
    public TilesetProcessingRules Rules { get; } = new();

    private readonly object _gate = new();
    private readonly Dictionary<string, SourceRecord> _sources = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TilesetRecord> _tilesets = new(StringComparer.Ordinal);

    public enum SourceWrite
    {
        Written,
        Locked,
        TooManyFiles,
        SourceTooLarge,
    }

    /// <summary>Keeps <paramref name="file"/> in the source, which then owns it; a refused file is disposed.</summary>
    public (SourceWrite Outcome, SourceRecord? Source, long FileSize) WriteSource(string user, string id, StoredFile file, bool replace)
    {
        lock (_gate)
        {
            Advance();
            var key = SourceKey(user, id);
            if (IsLocked(key))
            {
                file.Dispose();
                return (SourceWrite.Locked, null, 0);
            }
            var existing = _sources.GetValueOrDefault(key)?.Files;
            var (outcome, files) = WithFile(existing, file, replace);
            if (outcome != SourceWrite.Written)
            {
                return (outcome, null, 0);
            }
            var source = new SourceRecord(user, id, files);
            _sources[key] = source;
            DisposeReplaced(existing, files);
            return (SourceWrite.Written, source, file.Length);
        }
    }

    /// <summary>
    /// The files after a POST (append) or PUT (replace), within a source's limits, which changesets share; a file
    /// over the limits is disposed.
    /// </summary>
    private static (SourceWrite Outcome, List<StoredFile> Files) WithFile(IReadOnlyList<StoredFile>? existing, StoredFile file, bool replace)
    {
        var files = replace || existing is null ? new List<StoredFile>() : new List<StoredFile>(existing);
        files.Add(file);
        var outcome = files.Count > TilesetsMessages.MaxFilesPerSource ? SourceWrite.TooManyFiles
            : files.Sum(f => f.Length) > TilesetsMessages.MaxSourceBytes ? SourceWrite.SourceTooLarge
            : SourceWrite.Written;
        if (outcome != SourceWrite.Written)
        {
            file.Dispose();
        }
        return (outcome, files);
    }

    private static void DisposeReplaced(IReadOnlyList<StoredFile>? before, List<StoredFile> after)
    {
        foreach (var file in before?.Except(after) ?? [])
        {
            file.Dispose();
        }
    }

    public SourceRecord? FindSource(string user, string id)
    {
        lock (_gate)
        {
            return _sources.GetValueOrDefault(SourceKey(user, id));
        }
    }

    public IReadOnlyList<SourceRecord> Sources(string user)
    {
        lock (_gate)
        {
            return _sources.Values.Where(s => s.User == user).OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Deletes a source: true when it existed, null when a running job holds it.</summary>
    public bool? DeleteSource(string user, string id)
    {
        lock (_gate)
        {
            Advance();
            var key = SourceKey(user, id);
            if (IsLocked(key))
            {
                return null;
            }
            if (!_sources.Remove(key, out var removed))
            {
                return false;
            }
            DisposeReplaced(removed.Files, []);
            return true;
        }
    }

    /// <summary>Releases every source's and changeset's files (their temporary files go with them).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var files in _sources.Values.Select(s => s.Files).Concat(_changesets.Values.Select(c => c.Files)))
            {
                DisposeReplaced(files, []);
            }
            _sources.Clear();
            _changesets.Clear();
        }
    }

    public bool TryCreateTileset(string tileset, string recipeJson, string name, string? description, bool isPrivate)
    {
        lock (_gate)
        {
            if (_tilesets.ContainsKey(tileset))
            {
                return false;
            }
            var now = clock.GetUtcNow();
            _tilesets[tileset] = new TilesetRecord(tileset, recipeJson, name, description, isPrivate, now);
            return true;
        }
    }

    public TilesetRecord? FindTileset(string tileset)
    {
        lock (_gate)
        {
            Advance();
            return _tilesets.GetValueOrDefault(tileset);
        }
    }

    public IReadOnlyList<TilesetRecord> Tilesets(string user)
    {
        lock (_gate)
        {
            return _tilesets.Values.Where(t => t.Id.StartsWith(user + ".", StringComparison.Ordinal)).OrderByDescending(t => t.Created).ToList();
        }
    }

    public bool Update(string tileset, Action<TilesetRecord> change)
    {
        lock (_gate)
        {
            if (!_tilesets.TryGetValue(tileset, out var record))
            {
                return false;
            }
            change(record);
            record.Modified = clock.GetUtcNow();
            return true;
        }
    }

    public bool DeleteTileset(string tileset)
    {
        lock (_gate)
        {
            return _tilesets.Remove(tileset);
        }
    }

    /// <summary>
    /// Queues a publish job: a job still waiting for the same tileset (a publish or a changeset job) is superseded,
    /// since the publish re-tiles everything. Null when the account's queue is full.
    /// </summary>
    public JobRecord? Publish(TilesetRecord tileset)
    {
        lock (_gate)
        {
            Advance();
            var waiting = tileset.Jobs.Where(j => j.Stage == JobStage.Queued).ToList();
            if (QueueIsFull(tileset, waiting.Count))
            {
                return null;
            }
            var now = clock.GetUtcNow();
            foreach (var job in waiting)
            {
                job.Stage = JobStage.Superseded;
                job.Completed = now;
            }
            string? incremental = null;
            if (IsIncremental(tileset.RecipeJson))
            {
                incremental = tileset.IncrementalRecipeJson is null ? "initial" : "reset";
            }
            tileset.IncrementalRecipeJson = incremental is null ? null : tileset.RecipeJson;
            var created = new JobRecord(RandomText.LowercaseId(25), tileset.Id, now) { Incremental = incremental };
            tileset.Jobs.Add(created);
            Advance();
            return created;
        }
    }

    /// <summary>Reads jobs (or anything else) at the clock's present, under the store's lock.</summary>
    public T Read<T>(Func<T> read)
    {
        lock (_gate)
        {
            Advance();
            return read();
        }
    }

    /// <summary>Jobs waiting in any tileset's queue.</summary>
    public int QueuedJobs()
    {
        lock (_gate)
        {
            Advance();
            return _tilesets.Values.Sum(t => t.Jobs.Count(j => j.Stage == JobStage.Queued));
        }
    }

    /// <summary>True when a new job would have to wait and the account already has the most jobs waiting (less those it supersedes).</summary>
    private bool QueueIsFull(TilesetRecord tileset, int superseded = 0)
    {
        var owner = tileset.Id.Split('.')[0];
        var queuedInAccount = _tilesets.Values.Where(t => t.Id.StartsWith(owner + ".", StringComparison.Ordinal))
            .Sum(t => t.Jobs.Count(j => j.Stage == JobStage.Queued)) - superseded;
        var wouldQueue = tileset.Jobs.Any(j => j.Stage == JobStage.Processing);
        return wouldQueue && queuedInAccount >= TilesetsMessages.MaxQueuedJobsPerAccount;
    }

    private static string SourceKey(string user, string id) => user + "/" + id;

    private bool IsLocked(string sourceKey) =>
        _tilesets.Values.SelectMany(t => t.Jobs).Any(j => j.Stage == JobStage.Processing && j.SourceKeys.Contains(sourceKey));
}
