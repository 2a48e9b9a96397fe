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
                    Finish(running, due);
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
        var layers = RecipeLayers(tileset.RecipeJson);
        job.SourceKeys = layers.Select(l => l.SourceKey).Where(k => k is not null).Select(k => k!).ToHashSet(StringComparer.Ordinal);
        if (Rules.ErrorFor(tileset.Id) is { } ruleError)
        {
            job.Errors.Add(ruleError);
            return;
        }
        foreach (var (layer, sourceKey) in layers)
        {
            var features = sourceKey is not null && _sources.TryGetValue(sourceKey, out var source) ? source.Files.Sum(CountFeatures) : -1;
            if (features < 0)
            {
                job.Errors.Add($"Layer {layer}: {TilesetsMessages.SourceNotFound}");
                continue;
            }
            job.LayerFeatures[layer] = features;
            // Billed by the source processed: each source the recipe reads counts once, whole, as the emulator holds it.
            if (job.ProcessedSources.Add(sourceKey!))
            {
                job.Filesize += _sources[sourceKey!].Files.Sum(f => (long)f.Length);
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

    private static void Finish(JobRecord job, DateTimeOffset at)
    {
        job.Stage = job.Errors.Count > 0 ? JobStage.Failed : JobStage.Success;
        job.Completed = at;
        if (job.Stage == JobStage.Success)
        {
            job.Published = at;
        }
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

    /// <summary>Lines that are a GeoJSON Feature object; other lines are what the real service ends up processing nothing of.</summary>
    private static int CountFeatures(byte[] file)
    {
        var count = 0;
        foreach (var line in System.Text.Encoding.UTF8.GetString(file).Split('\n'))
        {
            try
            {
                using var feature = JsonDocument.Parse(line);
                if (feature.RootElement.ValueKind == JsonValueKind.Object && feature.RootElement.TryGetProperty("type", out var type) && type.ValueEquals("Feature"))
                {
                    count++;
                }
            }
            catch (JsonException)
            {
            }
        }
        return count;
    }
}
