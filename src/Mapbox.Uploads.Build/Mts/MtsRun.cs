using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Tasks = System.Threading.Tasks;

namespace Mapbox.Uploads.Build;

/// <summary>
/// The stages that talk to the Tiling Service: changed sources go up first (the first file replaces, the others
/// append), then each recipe to publish is validated, created or updated, and published; then every job is waited
/// for together. Each stage returns outcomes; nothing here writes a record. The async work runs on the thread pool and
/// the MSBuild thread blocks once on it.
/// </summary>
internal sealed class MtsRun
{
    private const int PublishesPerMinute = 2;

    private readonly TilesetsClient _client;
    private readonly BuildLog _log;
    private readonly UploadSettings _settings;
    private readonly Func<string, string> _sourceUri;

    public MtsRun(TilesetsClient client, BuildLog log, UploadSettings settings, Func<string, string> sourceUri)
    {
        _client = client;
        _log = log;
        _settings = settings;
        _sourceUri = sourceUri;
    }

    public IReadOnlyList<ItemOutcome> Run(IReadOnlyList<CheckedSource> sources, IReadOnlyList<CheckedRecipe> recipes, CancellationToken cancellationToken) =>
        Tasks.Task.Run(() => RunAsync(sources, recipes, cancellationToken)).GetAwaiter().GetResult();

    private async Tasks.Task<IReadOnlyList<ItemOutcome>> RunAsync(IReadOnlyList<CheckedSource> sources, IReadOnlyList<CheckedRecipe> recipes, CancellationToken cancellationToken)
    {
        var outcomes = new List<ItemOutcome>();
        using var gate = new SemaphoreSlim(_settings.MaxParallel);
        var failedSources = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sent in await Tasks.Task.WhenAll(sources.Select(source => SendSourceAsync(gate, source, cancellationToken))).ConfigureAwait(false))
        {
            outcomes.AddRange(sent);
            failedSources.UnionWith(sent.Where(outcome => outcome.Failure is not null).Select(outcome => outcome.Item.Ref.Tileset.Id));
        }

        var ready = new List<CheckedRecipe>();
        foreach (var recipe in recipes)
        {
            if (recipe.SourceIds.FirstOrDefault(failedSources.Contains) is { } failed)
            {
                outcomes.Add(new ItemOutcome(recipe.Recipe.Item, ItemStatus.Pending, recipe.Content, null, null,
                    $"Mapbox: {recipe.Recipe.Ref.Tileset} was not published, because its source '{failed}' did not go up."));
            }
            else
            {
                ready.Add(recipe);
            }
        }

        var publishing = ready.Count(recipe => !recipe.InformationOnly);
        if (publishing > PublishesPerMinute)
        {
            _log.High($"Mapbox: {publishing} tilesets to publish; Mapbox allows {PublishesPerMinute} publishes a minute, so the others wait their turn.");
        }

        // One changeset per changed source, sent once however many tilesets read the source.
        var changesets = ready.SelectMany(recipe => recipe.ChangesetLayers.Select(layer => layer.Source)).Distinct()
            .ToDictionary(source => source.SourceId, source => new Lazy<Tasks.Task>(() => UploadChangesetAsync(source, cancellationToken)), StringComparer.Ordinal);
        var published = new List<Published>();
        foreach (var answer in await Tasks.Task.WhenAll(ready.Select(recipe => PublishAsync(gate, recipe, changesets, cancellationToken))).ConfigureAwait(false))
        {
            if (answer.Outcome is { } outcome)
            {
                outcomes.Add(outcome);
            }
            else
            {
                published.Add(answer.Published!);
            }
        }

        var waited = published.Count > 0 ? await WaitAsync(published, cancellationToken).ConfigureAwait(false) : [];
        outcomes.AddRange(waited);
        if (!cancellationToken.IsCancellationRequested)
        {
            await DeleteChangesetsAsync(Ended(changesets, published, waited)).ConfigureAwait(false);
        }

        return outcomes;
    }

    /// <summary>
    /// The changesets that went up and whose jobs have all ended (succeeded, failed or superseded); one still read by a
    /// job that runs on (not waited for, timed out) is kept, since deleting it would fail that job.
    /// </summary>
    private static IEnumerable<string> Ended(IReadOnlyDictionary<string, Lazy<Tasks.Task>> changesets, IReadOnlyList<Published> published, IReadOnlyList<ItemOutcome> waited)
    {
        var finished = waited.Where(outcome => TilesetJobStages.IsFinished(outcome.Job?.Stage)).Select(outcome => outcome.Item).ToHashSet();
        return changesets
            .Where(pair => pair.Value.IsValueCreated && pair.Value.Value.Status == Tasks.TaskStatus.RanToCompletion)
            .Where(pair => published.All(job => finished.Contains(job.Recipe.Recipe.Item) || !job.Recipe.ChangesetLayers.Any(layer => layer.Source.SourceId == pair.Key)))
            .Select(pair => pair.Key);
    }

    /// <summary>A job started for a recipe, with how an incremental tileset was published (for its outputs).</summary>
    private sealed record Published(CheckedRecipe Recipe, string JobId, string? Incremental);

    /// <summary>Sends a source's changeset files to the changeset of the source's id: the first replaces it, the others are appended.</summary>
    private async Tasks.Task UploadChangesetAsync(SourceFeatures source, CancellationToken cancellationToken)
    {
        var files = source.ChangesetFiles;
        for (var i = 0; i < files.Count; i++)
        {
            var result = await _client.UploadChangesetAsync(source.SourceId, files[i], replace: i == 0, expectedSha256: null, cancellationToken).ConfigureAwait(false);
            _log.Normal($"Mapbox: changeset {result.Id} of tileset source '{source.SourceId}' uploaded (file {i + 1} of {files.Count}, {result.FileSize} bytes).");
        }
    }

    /// <summary>Deletes the changesets once their jobs ended (a job still using one would fail); a failure costs only a leftover changeset.</summary>
    private async Tasks.Task DeleteChangesetsAsync(IEnumerable<string> changesetIds)
    {
        foreach (var id in changesetIds)
        {
            try
            {
                await _client.DeleteChangesetAsync(id, CancellationToken.None).ConfigureAwait(false);
                _log.Low($"Mapbox: deleted changeset '{id}', its jobs having ended.");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _log.Normal($"Mapbox: changeset '{id}' could not be deleted ({FailureCodes.Classify(e, CancellationToken.None).Detail}); the next changeset of its source replaces it.");
            }
        }
    }

    /// <summary>
    /// A changeset publish: the recipe is that of the last publish (else the plan is a reset), so nothing but the
    /// tileset's information is sent before the changesets of the changed sources and publish-changesets for their layers.
    /// </summary>
    private async Tasks.Task<(CheckedRecipe Recipe, Published? Published, ItemOutcome? Outcome)> PublishChangesetAsync(CheckedRecipe recipe, IReadOnlyDictionary<string, Lazy<Tasks.Task>> changesets, CancellationToken cancellationToken)
    {
        var item = recipe.Recipe;
        var label = ChangesetLabel(recipe);
        if (recipe.InformationChanged)
        {
            await UpdateAsync(recipe, cancellationToken).ConfigureAwait(false);
        }

        if (recipe.ChangesetLayers.Count == 0)
        {
            return (recipe, null, new ItemOutcome(item.Item, ItemStatus.Succeeded, recipe.Content, recipe.LastJobId, null,
                $"Mapbox: {item.Ref.Tileset} not republished: its sources' features are those of job {recipe.LastJobId} ({label}).",
                new JobFigures(recipe.LastJobId ?? string.Empty, TilesetJobStages.Success, null, null, null, label)));
        }

        foreach (var layer in recipe.ChangesetLayers)
        {
            await changesets[layer.Source.SourceId].Value.ConfigureAwait(false);
        }

        var layers = recipe.ChangesetLayers.ToDictionary(layer => layer.Layer, layer => layer.Source.SourceId, StringComparer.Ordinal);
        var job = await _client.PublishChangesetsAsync(item.Ref.Tileset, layers, cancellationToken).ConfigureAwait(false);
        _log.Normal($"Mapbox: {item.Ref.Tileset} publishing changesets ({label}) for layer(s) {string.Join(", ", layers.Keys)} of {item.Ref.Spec}: job {job.JobId}.");
        return (recipe, new Published(recipe, job.JobId, label), null);
    }

    /// <summary><c>changeset +a ~c -r, X MB of the source's Y MB</c>, summed over the sources whose changesets are sent.</summary>
    private static string ChangesetLabel(CheckedRecipe recipe)
    {
        var sources = recipe.ChangesetLayers.Select(layer => layer.Source).Distinct().ToList();
        var counts = sources.Select(source => source.Change.Counts).OfType<Changesets.ChangesetCounts>().ToList();
        var sourceBytes = sources.Sum(source => source.Files.Sum(file => new System.IO.FileInfo(file.File.Ref.FullPath).Length));
        return FormattableString.Invariant(
            $"changeset +{counts.Sum(c => c.Added)} ~{counts.Sum(c => c.Changed)} -{counts.Sum(c => c.Removed)}, {ProcessingEstimate.Format(counts.Sum(c => c.ChangesetBytes))} of the source's {ProcessingEstimate.Format(sourceBytes)}");
    }

    /// <summary>What a full publish of an incremental tileset was, by the plan and the service's answer (initial or reset).</summary>
    private static string? FullPublishLabel(CheckedRecipe recipe, PublishedJob job) => recipe.Plan switch
    {
        null => null,
        { Kind: PublishKind.Reset } plan => $"reset: {plan.Reason}",
        _ when job.Incremental == IncrementalPublishes.Reset => "reset: the build has no record of the tileset's last publish (a fresh clone, or the stamp folder was cleaned)",
        _ => "initial",
    };

    private async Tasks.Task<IReadOnlyList<ItemOutcome>> SendSourceAsync(SemaphoreSlim gate, CheckedSource source, CancellationToken cancellationToken)
    {
        var files = source.Group.Files;
        var sourceId = source.Group.SourceId;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        var sending = 0;
        try
        {
            for (; sending < files.Count; sending++)
            {
                var path = files[sending].Ref.FullPath;
                var checkedSha256 = source.Contents[sending].Sha256;
                var checkedTags = sending < source.Tags.Count ? source.Tags[sending] : null;
                var result = await _client.SendCheckedSourceFileAsync(sourceId, sending == 0, path, checkedSha256, checkedTags, cancellationToken).ConfigureAwait(false);
                _log.Normal($"Mapbox: {files[sending].Ref.Spec} uploaded to tileset source {result.Id} (file {sending + 1} of {files.Count}, {result.FileSize} bytes).");
            }

            return files.Select((file, i) => new ItemOutcome(file, ItemStatus.Succeeded, source.Contents[i], _sourceUri(sourceId), null, null)).ToList();
        }
        catch (FileChangedException e)
        {
            // The error belongs to the file that changed; the source as a whole did not go up, so its other files are not recorded as sent.
            var (code, detail) = FailureCodes.Classify(e, cancellationToken);
            var changed = files[sending];
            return files.Select((file, i) => i == sending
                ? ItemOutcome.Failed(file, null, null, new ItemFailure(code, $"{file.Ref.Spec} (tileset source '{sourceId}'): {detail}; nothing is published from the source"))
                : new ItemOutcome(file, ItemStatus.Pending, null, null, null, $"Mapbox: tileset source '{sourceId}' ({file.Ref.Spec}) is not complete on Mapbox, because {changed.Ref.Spec} changed.")).ToList();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var (code, detail) = FailureCodes.Classify(e, cancellationToken);
            return files.Select((file, i) => ItemOutcome.Failed(file, null, null,
                new ItemFailure(code, $"Tileset source '{sourceId}' ({file.Ref.Spec}) was not uploaded: {detail}"))).ToList();
        }
        finally
        {
            gate.Release();
        }
    }

    private async Tasks.Task<(CheckedRecipe Recipe, Published? Published, ItemOutcome? Outcome)> PublishAsync(SemaphoreSlim gate, CheckedRecipe recipe, IReadOnlyDictionary<string, Lazy<Tasks.Task>> changesets, CancellationToken cancellationToken)
    {
        var item = recipe.Recipe;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (recipe.Plan?.Kind == PublishKind.Changeset)
            {
                return await PublishChangesetAsync(recipe, changesets, cancellationToken).ConfigureAwait(false);
            }

            if (recipe.RecipeChanged)
            {
                var validation = await _client.ValidateRecipeAsync(item.RecipeJson, cancellationToken).ConfigureAwait(false);
                if (!validation.Valid)
                {
                    return (recipe, null, ItemOutcome.Failed(item.Item, null, null, new ItemFailure(ErrorCodes.RecipeRefused,
                        $"{item.Ref.Spec} (tileset {item.Ref.Tileset}): Mapbox refused the recipe, nothing was published: {string.Join("; ", validation.Errors)}")));
                }
            }

            var created = await CreateOrUpdateAsync(recipe, cancellationToken).ConfigureAwait(false);
            if (recipe.InformationOnly && !created)
            {
                return (recipe, null, new ItemOutcome(item.Item, ItemStatus.Succeeded, recipe.Content, recipe.LastJobId, null,
                    $"Mapbox: {item.Ref.Tileset} not republished: only its name, description or privacy changed, and its recipe and sources are those of job {recipe.LastJobId}.", recipe.LastJobFigures));
            }

            var job = await _client.PublishAsync(item.Ref.Tileset, cancellationToken).ConfigureAwait(false);
            var label = FullPublishLabel(recipe, job);
            _log.Normal($"Mapbox: {item.Ref.Tileset} publishing from {item.Ref.Spec} ({recipe.Reason}{(label is null ? string.Empty : "; " + label)}): job {job.JobId}.");
            return (recipe, new Published(recipe, job.JobId, label), null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var (code, detail) = FailureCodes.Classify(e, cancellationToken);
            return (recipe, null, ItemOutcome.Failed(item.Item, null, null, new ItemFailure(code, $"{item.Ref.Spec} (tileset {item.Ref.Tileset}) was not published: {detail}")));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Creates the tileset when it does not exist; otherwise sends what changed of its recipe and its information.
    /// Returns whether it was created, in which case it has no tiles until a job publishes it.
    /// </summary>
    private async Tasks.Task<bool> CreateOrUpdateAsync(CheckedRecipe recipe, CancellationToken cancellationToken)
    {
        var item = recipe.Recipe;
        var tileset = item.Ref.Tileset;
        if (recipe.Known || await ExistsAsync(tileset, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await UpdateAsync(recipe, cancellationToken).ConfigureAwait(false);
                return false;
            }
            catch (MapboxApiException e) when (e.Failure == MapboxApiFailure.NotFound && recipe.Known)
            {
                // The stamp remembers a tileset Mapbox no longer has (deleted in Studio, say): make it again, as a
                // first build would, rather than fail every build until obj/ is cleaned.
                _log.High($"Mapbox: {tileset} was published by an earlier build but is not on Mapbox any more; creating it again from {item.Ref.Spec}.");
            }
        }

        await _client.CreateTilesetAsync(tileset, new NewTileset(item.RecipeJson, item.Name) { Description = item.Description, Private = item.Private }, cancellationToken).ConfigureAwait(false);
        _log.Normal($"Mapbox: created tileset {tileset} from {item.Ref.Spec}.");
        return true;
    }

    private async Tasks.Task UpdateAsync(CheckedRecipe recipe, CancellationToken cancellationToken)
    {
        var item = recipe.Recipe;
        var tileset = item.Ref.Tileset;
        if (recipe.RecipeChanged)
        {
            await _client.UpdateRecipeAsync(tileset, item.RecipeJson, cancellationToken).ConfigureAwait(false);
            _log.Normal($"Mapbox: updated the recipe of {tileset} from {item.Ref.Spec}.");
        }

        if (recipe.InformationChanged || !recipe.Known)
        {
            await _client.UpdateTilesetAsync(tileset, new TilesetUpdate { Name = item.Name, Description = item.Description ?? string.Empty, Private = item.Private }, cancellationToken).ConfigureAwait(false);
            _log.Normal($"Mapbox: updated the name, description and privacy of {tileset}.");
        }
    }

    private async Tasks.Task<bool> ExistsAsync(TilesetId tileset, CancellationToken cancellationToken)
    {
        try
        {
            await _client.GetRecipeAsync(tileset, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (MapboxApiException e) when (e.Failure == MapboxApiFailure.NotFound)
        {
            return false;
        }
    }

    private async Tasks.Task<IReadOnlyList<ItemOutcome>> WaitAsync(IReadOnlyList<Published> published, CancellationToken cancellationToken)
    {
        if (!_settings.Wait)
        {
            return published.Select(job => new ItemOutcome(job.Recipe.Recipe.Item, ItemStatus.Created, job.Recipe.Content, job.JobId, null,
                $"Mapbox: {job.Recipe.Recipe.Ref.Tileset} publishing by job {job.JobId} ({job.Recipe.Recipe.Ref.Spec}); not waiting (MapboxUploadWait=false).",
                new JobFigures(job.JobId, TilesetJobStages.Queued, null, null, null, job.Incremental))).ToList();
        }

        IReadOnlyList<TilesetJobWaitResult> results;
        try
        {
            results = await _client.WaitForJobsAsync(published.Select(job => (job.Recipe.Recipe.Ref.Tileset, job.JobId)), _settings.Timeout, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var (code, detail) = FailureCodes.Classify(e, cancellationToken);
            return published.Select(job => ItemOutcome.Failed(job.Recipe.Recipe.Item, job.Recipe.Content, job.JobId,
                new ItemFailure(code, $"{job.Recipe.Recipe.Ref.Spec} (tileset {job.Recipe.Recipe.Ref.Tileset}): waiting for job {job.JobId} stopped: {detail}"))).ToList();
        }

        return published.Zip(results, (job, result) => JobOutcomes.Of(job.Recipe, result, _log, job.Incremental)).ToList();
    }
}
