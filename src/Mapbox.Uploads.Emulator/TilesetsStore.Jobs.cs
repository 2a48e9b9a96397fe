using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace Mapbox.Uploads.Emulator;

internal sealed partial class TilesetsStore
{
    /// <summary>Moves every tileset's jobs on to the clock's present: finishes due jobs, starts the next queued one.</summary>
    private void Advance()
    {
        var now = clock.GetUtcNow();
        foreach (var tileset in _tilesets.Values)
        {
            while (true)
            {
                var running = tileset.Jobs.FirstOrDefault(j => j.Stage == JobStage.Processing);
                if (running is not null)
                {
                    var due = running.Started!.Value + processingTime;
                    if (now < due)
                    {
                        break;
                    }
                    Finish(tileset, running, due);
                    continue;
                }
                var next = tileset.Jobs.FirstOrDefault(j => j.Stage == JobStage.Queued);
                if (next is null)
                {
                    break;
                }
                var lastFinish = tileset.Jobs.Where(j => j.Completed is not null && j.Stage != JobStage.Superseded).Select(j => j.Completed!.Value).DefaultIfEmpty(next.Created).Max();
                Start(tileset, next, lastFinish > next.Created ? lastFinish : next.Created);
            }
        }
    }

    private void Start(TilesetRecord tileset, JobRecord job, DateTimeOffset at)
    {
        job.Stage = JobStage.Processing;
        job.Started = at;
        if (TilesetsRasterRules.TypeOf(tileset.RecipeJson) is { } rasterType)
        {
            StartRaster(tileset, job, rasterType);
            return;
        }
        var layers = RecipeLayers(tileset.RecipeJson);
        // A changeset job reads its changesets, not the sources: it locks none of them.
        job.SourceKeys = job.Changesets is not null ? [] : layers.Select(l => l.SourceKey).Where(k => k is not null).Select(k => k!).ToHashSet(StringComparer.Ordinal);
        if (Rules.ErrorFor(tileset.Id) is { } ruleError)
        {
            job.Errors.Add(ruleError);
            return;
        }
        if (job.Changesets is not null)
        {
            StartChangesetJob(tileset, job);
            return;
        }
        job.Result = new Dictionary<string, LayerFeatures>(StringComparer.Ordinal);
        foreach (var (layer, sourceKey) in layers)
        {
            if (sourceKey is null || !_sources.TryGetValue(sourceKey, out var source))
            {
                job.Errors.Add($"Layer {layer}: {TilesetsMessages.SourceNotFound}");
                continue;
            }
            var features = SourceFeatures(source, out var duplicates);
            AddDuplicateWarning(job, layer, duplicates);
            job.Result[layer] = features;
            job.LayerFeatures[layer] = features.Count;
            // Billed by the source processed: each source the recipe reads counts once, whole, as the emulator holds it.
            if (job.ProcessedSources.Add(sourceKey))
            {
                job.Filesize += source.Files.Sum(f => f.Length);
            }
        }
        if (job.Errors.Count == 0 && job.LayerFeatures.Values.Sum() == 0)
        {
            job.Errors.Add(TilesetProcessingRules.NoFeatures);
        }
        if (Rules.WarningFor(tileset.Id) is { } warning)
        {
            job.Warnings.Add(warning);
        }
    }

    private void StartRaster(TilesetRecord tileset, JobRecord job, string type)
    {
        var keys = RasterSourceKeys(tileset.RecipeJson);
        job.SourceKeys = keys.ToHashSet(StringComparer.Ordinal);
        job.Errors.AddRange(Rules.ErrorFor(tileset.Id) is { } ruleError
            ? [ruleError]
            : TilesetsRasterRules.JobErrors(tileset.RecipeJson, type, key => _sources.TryGetValue(key, out var source) ? source.Files : null));
        job.Filesize = keys.Where(_sources.ContainsKey).Sum(key => _sources[key].Files.Sum(f => f.Length));
        if (Rules.WarningFor(tileset.Id) is { } warning)
        {
            job.Warnings.Add(warning);
        }
    }

    private static List<string> RasterSourceKeys(string recipeJson)
    {
        using var document = JsonDocument.Parse(recipeJson);
        return document.RootElement.GetProperty("sources").EnumerateArray()
            .Select(source => source.GetProperty("uri").GetString()![TilesetsMessages.SourceUriPrefix.Length..])
            .ToList();
    }

    /// <summary>A layer's features from its source: every Feature line, a repeated id dropped (the first one kept).</summary>
    private static LayerFeatures SourceFeatures(SourceRecord source, out List<string> duplicates)
    {
        var features = new LayerFeatures();
        duplicates = [];
        foreach (var line in FeatureLines.Read(source.Files))
        {
            if (line.Kind != FeatureLineKind.Feature)
            {
                continue;
            }
            if (line.Id is not null && features.Contains(line.Id))
            {
                duplicates.Add(line.Id);
                continue;
            }
            features.Put(line.Id, line.Line);
        }
        return features;
    }

    /// <summary>Ends a job; on success the tiles hold what it made: a publish replaces every layer, a changeset job its layers.</summary>
    private static void Finish(TilesetRecord tileset, JobRecord job, DateTimeOffset at)
    {
        job.Stage = job.Errors.Count > 0 ? JobStage.Failed : JobStage.Success;
        job.Completed = at;
        if (job.Stage == JobStage.Success)
        {
            job.Published = at;
            if (job.Changesets is null)
            {
                tileset.Features = job.Result ?? new(StringComparer.Ordinal);
            }
            else
            {
                foreach (var (layer, features) in job.Result ?? [])
                {
                    tileset.Features[layer] = features;
                }
            }
        }
        job.Result = null;
    }

    private static List<(string Layer, string? SourceKey)> RecipeLayers(string recipeJson)
    {
        using var document = JsonDocument.Parse(recipeJson);
        return document.RootElement.GetProperty("layers").EnumerateObject()
            .Select(layer => (layer.Name, layer.Value.TryGetProperty("source", out var source) && source.GetString() is { } uri && uri.StartsWith(TilesetsMessages.SourceUriPrefix, StringComparison.Ordinal)
                ? uri[TilesetsMessages.SourceUriPrefix.Length..]
                : null))
            .ToList();
    }
}
