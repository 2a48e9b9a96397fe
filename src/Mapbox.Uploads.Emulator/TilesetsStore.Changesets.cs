using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Mapbox.Uploads.Emulator;

internal sealed partial class TilesetsStore
{
    private readonly Dictionary<string, ChangesetRecord> _changesets = new(StringComparer.Ordinal);

    public enum ChangesetPublish
    {
        Queued,
        NotIncremental,
        RecipeChanged,
        UnknownLayer,
        ChangesetMissing,
        AllLayersEmpty,
        QueueFull,
    }

    /// <summary>Creates, appends to (POST) or replaces (PUT) a changeset, within a source's limits; the changeset owns <paramref name="file"/>.</summary>
    public (SourceWrite Outcome, ChangesetRecord? Changeset, long FileSize) WriteChangeset(string user, string id, StoredFile file, bool replace)
    {
        lock (_gate)
        {
            var key = SourceKey(user, id);
            var existing = _changesets.GetValueOrDefault(key);
            var (outcome, files) = WithFile(existing?.Files, file, replace);
            if (outcome != SourceWrite.Written)
            {
                return (outcome, null, 0);
            }
            var now = clock.GetUtcNow();
            var changeset = new ChangesetRecord(user, id, files, existing?.Created ?? now, now);
            _changesets[key] = changeset;
            DisposeReplaced(existing?.Files, files);
            return (SourceWrite.Written, changeset, file.Length);
        }
    }

    public ChangesetRecord? FindChangeset(string user, string id)
    {
        lock (_gate)
        {
            return _changesets.GetValueOrDefault(SourceKey(user, id));
        }
    }

    public IReadOnlyList<ChangesetRecord> Changesets(string user, bool byModified)
    {
        lock (_gate)
        {
            var mine = _changesets.Values.Where(c => c.User == user);
            return (byModified ? mine.OrderByDescending(c => c.Modified) : mine.OrderByDescending(c => c.Created)).ThenBy(c => c.Id, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>Deletes a changeset; a processing job that uses it fails, as the service documents.</summary>
    public bool DeleteChangeset(string user, string id)
    {
        lock (_gate)
        {
            Advance();
            var key = SourceKey(user, id);
            if (!_changesets.Remove(key, out var removed))
            {
                return false;
            }
            DisposeReplaced(removed.Files, []);
            foreach (var job in _tilesets.Values.SelectMany(t => t.Jobs).Where(j => j.Stage == JobStage.Processing && j.Changesets?.Values.Contains(key) == true))
            {
                job.Errors.Add(TilesetsMessages.ChangesetDeletedDuringJob(ChangesetUri(key)));
            }
            return true;
        }
    }

    /// <summary>Queues a changeset job after the service's checks; it supersedes nothing (each changeset is needed).</summary>
    /// <param name="tileset">The tileset.</param>
    /// <param name="changesetByLayer">Layer to changeset key, <c>user/id</c>.</param>
    public (ChangesetPublish Outcome, string? Subject, JobRecord? Job) PublishChangesets(TilesetRecord tileset, IReadOnlyDictionary<string, string> changesetByLayer)
    {
        lock (_gate)
        {
            Advance();
            if (tileset.IncrementalRecipeJson is null)
            {
                return (ChangesetPublish.NotIncremental, null, null);
            }
            if (!SameRecipe(tileset.IncrementalRecipeJson, tileset.RecipeJson))
            {
                return (ChangesetPublish.RecipeChanged, null, null);
            }
            var layers = RecipeLayers(tileset.RecipeJson).Select(l => l.Layer).ToHashSet(StringComparer.Ordinal);
            foreach (var (layer, key) in changesetByLayer)
            {
                if (!layers.Contains(layer))
                {
                    return (ChangesetPublish.UnknownLayer, layer, null);
                }
                if (!_changesets.ContainsKey(key))
                {
                    return (ChangesetPublish.ChangesetMissing, ChangesetUri(key), null);
                }
            }
            if (changesetByLayer.Values.All(key => FeatureLines.AreEmpty(_changesets[key].Files)))
            {
                return (ChangesetPublish.AllLayersEmpty, null, null);
            }
            if (QueueIsFull(tileset))
            {
                return (ChangesetPublish.QueueFull, null, null);
            }
            var job = new JobRecord(RandomText.LowercaseId(25), tileset.Id, clock.GetUtcNow())
            {
                Changesets = new Dictionary<string, string>(changesetByLayer, StringComparer.Ordinal),
            };
            tileset.Jobs.Add(job);
            Advance();
            return (ChangesetPublish.Queued, null, job);
        }
    }

    /// <summary>Per layer, each feature's line in order; null when there is no such tileset.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<byte[]>>? Features(string tileset)
    {
        lock (_gate)
        {
            Advance();
            return _tilesets.TryGetValue(tileset, out var record)
                ? record.Features.ToDictionary(l => l.Key, l => (IReadOnlyList<byte[]>)l.Value.InOrder().ToList(), StringComparer.Ordinal)
                : null;
        }
    }

    private static string ChangesetUri(string key) => TilesetsMessages.ChangesetUriPrefix + key;

    internal static bool IsIncremental(string recipeJson)
    {
        using var document = JsonDocument.Parse(recipeJson);
        return document.RootElement.TryGetProperty("incremental", out var flag) && flag.ValueKind == JsonValueKind.True;
    }

    /// <summary>Recipes compare as JSON values: whitespace aside, the same text.</summary>
    private static bool SameRecipe(string a, string b)
    {
        using var left = JsonDocument.Parse(a);
        using var right = JsonDocument.Parse(b);
        return JsonSerializer.Serialize(left.RootElement) == JsonSerializer.Serialize(right.RootElement);
    }

    /// <summary>A changeset job: each named layer's features with its changeset applied; duplicate ids in a changeset are dropped with W204.</summary>
    private void StartChangesetJob(TilesetRecord tileset, JobRecord job)
    {
        job.Result = new Dictionary<string, LayerFeatures>(StringComparer.Ordinal);
        if (Rules.ChangesetErrorFor(tileset.Id) is { } ruleError)
        {
            job.Errors.Add(ruleError);
            return;
        }
        foreach (var (layer, key) in job.Changesets!)
        {
            if (!_changesets.TryGetValue(key, out var changeset))
            {
                job.Errors.Add($"Layer {layer}: {TilesetsMessages.ChangesetNotFound(ChangesetUri(key))}");
                continue;
            }
            var features = tileset.Features.TryGetValue(layer, out var current) ? current.Copy() : new LayerFeatures();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var duplicates = new List<string>();
            var withoutId = 0;
            foreach (var line in FeatureLines.Read(changeset.Files))
            {
                if (line.Kind == FeatureLineKind.Other)
                {
                    continue;
                }
                if (line.Id is null)
                {
                    withoutId++;
                }
                else if (!seen.Add(line.Id))
                {
                    duplicates.Add(line.Id);
                }
                else if (line.Kind == FeatureLineKind.Delete)
                {
                    features.Remove(line.Id);
                }
                else
                {
                    features.Put(line.Id, line.Line);
                }
            }
            AddDuplicateWarning(job, layer, duplicates);
            if (withoutId > 0)
            {
                job.Warnings.Add(TilesetsMessages.FeaturesWithoutId(layer, withoutId));
            }
            job.Result[layer] = features;
            job.LayerFeatures[layer] = features.Count;
            // Billed by the changeset processed, each once however many layers read it.
            if (job.ProcessedSources.Add(ChangesetUri(key)))
            {
                job.Filesize += changeset.Files.Sum(f => f.Length);
            }
        }
        if (Rules.WarningFor(tileset.Id) is { } warning)
        {
            job.Warnings.Add(warning);
        }
    }

    private static void AddDuplicateWarning(JobRecord job, string layer, List<string> duplicates)
    {
        if (duplicates.Count > 0)
        {
            job.Warnings.Add(TilesetsMessages.DuplicateIds(layer, duplicates.Count, duplicates[0]));
        }
    }
}
