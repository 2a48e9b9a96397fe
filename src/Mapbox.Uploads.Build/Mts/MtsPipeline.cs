using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Mapbox.Uploads.Validation;
using Mapbox.Uploads.Validation.Raster;

namespace Mapbox.Uploads.Build;

/// <summary>
/// The Mapbox Tiling Service pipeline, one way: sources and recipes (read) -> local checks and the up-to-date decision
/// -> the service stages (<see cref="MtsRun"/>) -> outcomes. It shares the checks' codes, the up-to-date decision,
/// the stamps and the recorder with the Uploads pipeline.
/// </summary>
internal sealed class MtsPipeline
{
    private readonly RunOptions _options;
    private readonly StampStore _stamps;
    private readonly BuildLog _log;
    private readonly string _account;
    private readonly int _maxChangePercent;

    public MtsPipeline(RunOptions options, StampStore stamps, BuildLog log, string account, int maxChangePercent = 30)
    {
        _maxChangePercent = maxChangePercent;
        _options = options;
        _stamps = stamps;
        _log = log;
        _account = account;
    }

    /// <summary>Runs the sources and recipes up to the first request; the plan's <see cref="PipelinePlan.Complete"/> runs <paramref name="send"/>, only when something must be sent.</summary>
    public PipelinePlan Plan(
        IReadOnlyList<SourceGroup> sources,
        IReadOnlyList<RecipeItem> recipes,
        bool allItemsRead,
        Func<IReadOnlyList<CheckedSource>, IReadOnlyList<CheckedRecipe>, IReadOnlyList<ItemOutcome>> send,
        CancellationToken cancellationToken)
    {
        var failed = new List<ItemOutcome>();
        var checkedSources = new List<CheckedSource>();
        var incrementalSources = new HashSet<string>(
            recipes.Select(recipe => IncrementalRecipe.Of(recipe.RecipeJson)).Where(recipe => recipe.Incremental).SelectMany(recipe => recipe.Layers.Select(layer => layer.SourceId)),
            StringComparer.Ordinal);
        foreach (var source in sources)
        {
            var (ok, problems) = CheckSource(source, cancellationToken);
            if (ok is not null && incrementalSources.Contains(source.SourceId))
            {
                (ok, problems) = ReadFeatures(ok!, cancellationToken);
            }

            if (ok is null)
            {
                failed.AddRange(problems);
            }
            else
            {
                checkedSources.Add(ok);
            }
        }

        void Discard()
        {
            foreach (var source in checkedSources)
            {
                source.Features?.Release();
            }
        }

        try
        {
            return PlanChecked(checkedSources, failed, recipes, allItemsRead, send).Releasing(Discard);
        }
        catch
        {
            Discard();
            throw;
        }
    }

    private PipelinePlan PlanChecked(
        List<CheckedSource> checkedSources,
        List<ItemOutcome> failed,
        IReadOnlyList<RecipeItem> recipes,
        bool allItemsRead,
        Func<IReadOnlyList<CheckedSource>, IReadOnlyList<CheckedRecipe>, IReadOnlyList<ItemOutcome>> send)
    {

        var checkedRecipes = new List<CheckedRecipe>();
        foreach (var recipe in recipes)
        {
            switch (CheckRecipe(recipe, checkedSources))
            {
                case ItemOutcome outcome:
                    failed.Add(outcome);
                    break;
                case CheckedRecipe ok:
                    checkedRecipes.Add(ok);
                    break;
            }
        }

        var changedSources = new HashSet<string>(checkedSources.Where(source => source.Changed).Select(source => source.Group.SourceId), StringComparer.Ordinal);
        var features = checkedSources.Where(source => source.Features is not null).ToDictionary(source => source.Group.SourceId, source => source.Features!, StringComparer.Ordinal);
        var toPublish = checkedRecipes
            .Select(recipe => recipe.Reason.Length == 0 && recipe.SourceIds.FirstOrDefault(changedSources.Contains) is { } changed
                ? recipe with { Reason = $"its source '{changed}' changed", InformationOnly = false, Why = ProcessingReason.Changed }
                : recipe.Reason.Length == 0 && recipe.Incremental is not null && recipe.SourceIds.FirstOrDefault(id => features.TryGetValue(id, out var f) && f.Change.Changed) is { } unpublished
                    ? recipe with { Reason = $"its source '{unpublished}' holds features its last publish did not", InformationOnly = false, Why = ProcessingReason.Changed }
                    : recipe)
            .Select(recipe => Plan(recipe, features))
            .ToList();
        var estimate = toPublish.Select(recipe => Estimate(recipe, checkedSources)).ToList();
        if (!allItemsRead || failed.Count > 0)
        {
            _log.High("Mapbox: nothing was sent to the Tiling Service, because the checks above failed; the items that passed theirs are listed as Pending and go up once the failures are fixed.");
            return new PipelinePlan(failed
                .Concat(checkedSources.SelectMany(source => source.Group.Files.Select((file, i) => new ItemOutcome(file, ItemStatus.Pending, source.Contents[i], null, null, null))))
                .Concat(checkedRecipes.Select(recipe => new ItemOutcome(recipe.Recipe.Item, ItemStatus.Pending, recipe.Content, null, null, null)))
                .ToList(), estimate);
        }

        var outcomes = new List<ItemOutcome>();
        outcomes.AddRange(checkedSources.Where(source => !source.Changed).SelectMany(source => source.Group.Files.Select((file, i) =>
            new ItemOutcome(file, ItemStatus.Skipped, source.Contents[i], SourceUri(source.Group.SourceId), null, null))));
        outcomes.AddRange(toPublish.Where(recipe => recipe.Reason.Length == 0).Select(recipe =>
            new ItemOutcome(recipe.Recipe.Item, ItemStatus.Skipped, recipe.Content, recipe.LastJobId, null,
                $"Mapbox: {recipe.Recipe.Ref.Tileset} is up to date ({recipe.Recipe.Ref.Spec} and its sources unchanged since job {recipe.LastJobId}); skipped.", recipe.LastJobFigures)));

        var sourcesToSend = checkedSources.Where(source => source.Changed).ToList();
        var recipesToSend = toPublish.Where(recipe => recipe.Reason.Length > 0).ToList();
        if (sourcesToSend.Count == 0 && recipesToSend.Count == 0)
        {
            return new PipelinePlan(outcomes, estimate);
        }

        if (_options.DryRun)
        {
            return new PipelinePlan(outcomes
                .Concat(sourcesToSend.SelectMany(source => source.Group.Files.Select((file, i) => new ItemOutcome(file, ItemStatus.Validated, source.Contents[i], null, null,
                    $"Mapbox: {file.Ref.Spec} would be uploaded to tileset source '{source.Group.SourceId}' (dry run, nothing sent)."))))
                .Concat(recipesToSend.Select(recipe => new ItemOutcome(recipe.Recipe.Item, ItemStatus.Validated, recipe.Content, null, null, recipe.InformationOnly
                    ? $"Mapbox: {recipe.Recipe.Ref.Tileset} would have its name, description and privacy updated, without a new job ({recipe.Reason}; dry run, nothing sent)."
                    : $"Mapbox: {recipe.Recipe.Ref.Tileset} would be published from {recipe.Recipe.Ref.Spec} ({recipe.Reason}{PlanText(recipe)}; dry run, nothing sent).")))
                .ToList(), estimate);
        }

        return new PipelinePlan(outcomes, estimate, () =>
        {
            var sent = send(sourcesToSend, recipesToSend);
            KeepPublishedIndexes(features.Values, recipesToSend, sent);
            return sent;
        });
    }

    /// <summary>
    /// A job processes the whole of every source its recipe reads, as it stands after this build's uploads: the
    /// declared sources' sizes; one the project does not declare is on Mapbox already, and its size unknown here.
    /// </summary>
    private static ProcessingRow Estimate(CheckedRecipe recipe, IReadOnlyList<CheckedSource> sources)
    {
        var tileset = recipe.Recipe.Item.Inputs.Tileset;
        var what = recipe.Recipe.Ref.Spec;
        if (recipe.Reason.Length == 0 || recipe.InformationOnly)
        {
            return new ProcessingRow(tileset, ProcessedKind.Source, 0, null, what,
                Note: recipe.InformationOnly ? "only its name, description or privacy changed: no job" : null, LastJob: recipe.LastJob);
        }

        if (recipe.Plan?.Kind == PublishKind.Changeset)
        {
            return Changeset(recipe);
        }

        var declared = recipe.SourceIds.Select(id => sources.FirstOrDefault(source => string.Equals(source.Group.SourceId, id, StringComparison.Ordinal))).ToList();
        var unknown = recipe.SourceIds.Where((_, i) => declared[i] is null).ToList();
        var known = declared.Where(source => source is not null).Select(source => source!.Size).ToList();
        var notes = new List<string>();
        if (known.Any(size => !size.Exact))
        {
            notes.Add("a FeatureCollection is converted while sent, so its size is an upper bound");
        }

        if (unknown.Count > 0)
        {
            notes.Add($"source(s) {string.Join(", ", unknown.Select(id => $"'{id}'"))} not declared in the project and not counted");
        }

        var ids = string.Join(", ", recipe.SourceIds.Select(id => $"'{id}'"));
        return new ProcessingRow(tileset, ProcessedKind.Source, known.Sum(size => size.Bytes), Why(recipe), $"{ids} read by {what}",
            notes.Count == 0, notes.Count == 0 ? null : string.Join("; ", notes), recipe.LastJob);
    }

    /// <summary>
    /// A changeset job processes its changesets alone: each changed source's changeset files, sent once however many
    /// layers read the source, exactly as written beside the stamps. With no feature change there is no job.
    /// </summary>
    private static ProcessingRow Changeset(CheckedRecipe recipe)
    {
        var tileset = recipe.Recipe.Item.Inputs.Tileset;
        var sources = recipe.ChangesetLayers.Select(layer => layer.Source).Distinct().ToList();
        if (sources.Count == 0)
        {
            return new ProcessingRow(tileset, ProcessedKind.Changeset, 0, null, recipe.Recipe.Ref.Spec,
                Note: "its sources' features are those of its last job: no job", LastJob: recipe.LastJob);
        }

        var bytes = sources.SelectMany(source => source.ChangesetFiles).Sum(path => new FileInfo(path).Length);
        var ids = string.Join(", ", sources.Select(source => $"'{source.SourceId}'"));
        return new ProcessingRow(tileset, ProcessedKind.Changeset, bytes, ProcessingReason.Changed, $"{ids} read by {recipe.Recipe.Ref.Spec}", LastJob: recipe.LastJob);
    }

    /// <summary>Why a recipe is published in full; an incremental recipe reset for any reason but its recipe is a reset.</summary>
    private static ProcessingReason Why(CheckedRecipe recipe) => recipe.Plan?.Kind == PublishKind.Reset && recipe.Why is not (ProcessingReason.RecipeChange or ProcessingReason.Forced)
        ? ProcessingReason.Reset
        : recipe.Why ?? ProcessingReason.Changed;

    /// <summary>How an incremental recipe's publish is described: <c>; initial</c>, <c>; reset: why</c>, or <c>; changeset: ...</c>.</summary>
    internal static string PlanText(CheckedRecipe recipe) => recipe.Plan switch
    {
        null => string.Empty,
        { Kind: PublishKind.Initial } => "; incremental: initial",
        { Kind: PublishKind.Reset } plan => $"; incremental: reset, because {plan.Reason}",
        { } plan => $"; incremental: changeset {plan.Reason}",
    };

    /// <summary>The incremental decision of a recipe to publish (<see cref="IncrementalFreshness.Decide"/>), and the layers a changeset updates.</summary>
    private CheckedRecipe Plan(CheckedRecipe recipe, IReadOnlyDictionary<string, SourceFeatures> features)
    {
        if (recipe.Incremental is not { } incremental || recipe.Reason.Length == 0 || recipe.InformationOnly)
        {
            return recipe;
        }

        var sources = recipe.SourceIds.Where(features.ContainsKey).Select(id => features[id].Change).ToList();
        var plan = IncrementalFreshness.Decide(recipe.Known, recipe.RecipeChanged, _options.Force, sources, _maxChangePercent);
        var layers = plan.Kind != PublishKind.Changeset ? [] : incremental.Layers
            .Where(layer => features.TryGetValue(layer.SourceId, out var source) && source.ChangesetFiles.Count > 0)
            .Select(layer => (layer.Layer, features[layer.SourceId]))
            .ToList();
        return recipe with { Plan = plan, ChangesetLayers = layers };
    }

    /// <summary>
    /// Keeps a source's new feature index only when every incremental publish that read the source succeeded, so a
    /// failed or cancelled job leaves the index as it was and the next build sends the same changes again.
    /// </summary>
    private void KeepPublishedIndexes(IEnumerable<SourceFeatures> features, IReadOnlyList<CheckedRecipe> published, IReadOnlyList<ItemOutcome> outcomes)
    {
        var byItem = outcomes.GroupBy(outcome => outcome.Item).ToDictionary(group => group.Key, group => group.Last());
        foreach (var source in features)
        {
            var readers = published.Where(recipe => recipe.Plan is not null && recipe.SourceIds.Contains(source.SourceId)).ToList();
            var sourceSent = source.Files.All(file => !byItem.TryGetValue(file.File, out var outcome) || outcome.Failure is null);
            if (readers.Count > 0 && sourceSent && readers.All(recipe => byItem.TryGetValue(recipe.Recipe.Item, out var outcome) && outcome.Status == ItemStatus.Succeeded))
            {
                try
                {
                    source.Keep();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    _log.Warning(ErrorCodes.StampNotWritten, $"The feature index of tileset source '{source.SourceId}' could not be written ({e.Message}); the next build publishes it in full (a reset).", source.Files[0].File.Ref.FullPath);
                }
            }
        }
    }

    private (CheckedSource? Ok, IReadOnlyList<ItemOutcome> Failed) ReadFeatures(CheckedSource source, CancellationToken cancellationToken)
    {
        try
        {
            var (features, failed) = SourceFeatures.Read(source.Group, source.Contents, _stamps, cancellationToken);
            if (features is not null)
            {
                _log.Low($"Mapbox: tileset source '{source.Group.SourceId}' against its last published features: {(features.Change.HasIndex ? features.Change.Counts?.ToString() ?? "unchanged" : "no feature index")}.");
            }

            return features is null ? (null, failed) : (source with { Features = features }, Array.Empty<ItemOutcome>());
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or UnauthorizedAccessException)
        {
            var (code, detail) = FailureCodes.Classify(e, cancellationToken);
            return (null, source.Group.Files.Select(file => ItemOutcome.Failed(file, null, null, new ItemFailure(code, $"Reading the features of {file.Ref.Spec} (tileset source '{source.Group.SourceId}') stopped: {detail}"))).ToList());
        }
    }

    /// <summary>The account's URI of a source, the id a source file's record keeps.</summary>
    public string SourceUri(string sourceId) => $"{TilesetSourceLimits.UriPrefix}{_account}/{sourceId}";

    private (CheckedSource? Ok, IReadOnlyList<ItemOutcome> Failed) CheckSource(SourceGroup source, CancellationToken cancellationToken)
    {
        var stamps = source.Files.Select(file => _stamps.Read(file.Ref)).ToList();
        if (!_options.Force && !_options.AlwaysHash
            && source.Files.Select((file, i) => Freshness.ProvenWithoutReading(stamps[i], file.Inputs, file.Ref.FullPath)).All(proven => proven))
        {
            var recorded = stamps.Select(stamp => stamp!.Record.Content!).ToList();
            return (new CheckedSource(source, recorded, false, SourceSize.Of(source.Files, recorded))
            {
                Raster = source.Files.Select(file => RasterFileChecker.FactsOf(file.Ref.FullPath)).ToList(),
            }, Array.Empty<ItemOutcome>());
        }

        var facts = source.Files.Select(file => FileFacts.Of(file.Ref.FullPath)).ToList();
        TilesetSourceCheck check;
        try
        {
            check = TilesetSourceValidator.Check(source.SourceId, source.Files.Select(file => file.Ref.FullPath).ToList(), computeSha256: true, cancellationToken);
        }
        catch (OperationCanceledException e)
        {
            var (code, detail) = FailureCodes.Classify(e, cancellationToken);
            return (null, source.Files.Select(file => ItemOutcome.Failed(file, null, null, new ItemFailure(code, $"Checking {file.Ref.Spec} (tileset source '{source.SourceId}') stopped: {detail}"))).ToList());
        }

        if (check.Problems.Count > 0)
        {
            return (null, check.Problems.Select(problem =>
            {
                var file = source.Files.FirstOrDefault(f => string.Equals(f.Ref.FullPath, problem.FilePath, StringComparison.Ordinal)) ?? source.Files[0];
                var what = problem.FilePath is null ? $"tileset source '{source.SourceId}' ({source.Files.Count} file(s))" : $"{file.Ref.Spec} (tileset source '{source.SourceId}')";
                var code = problem.FilePath is not null && TilesetSourceValidator.IsRasterFile(problem.FilePath) ? ErrorCodes.RasterSourceInvalid : ErrorCodes.SourceInvalid;
                return ItemOutcome.Failed(file, null, null, new ItemFailure(code, $"{what}: {problem.Message}", problem.Line ?? 0, problem.Column ?? 0));
            }).ToList());
        }

        var contents = check.Files.Select((file, i) => ContentFingerprint.Of(file.ContentSha256!, facts[i], file.Length)).ToList();
        var changed = _options.Force || source.Files.Select((file, i) => Freshness.Decide(stamps[i], file.Inputs, contents[i]).Verdict).Any(verdict => verdict != Verdict.UpToDate);
        _log.Low($"Mapbox: tileset source '{source.SourceId}' {(changed ? "changed since its last upload" : "is unchanged")}.");
        return (new CheckedSource(source, contents, changed, SourceSize.Of(source.Files, contents)) { Raster = check.Files.Select(file => file.Raster).ToList(), Tags = check.Files.Select(file => file.Tags).ToList() }, Array.Empty<ItemOutcome>());
    }

    private object CheckRecipe(RecipeItem recipe, IReadOnlyList<CheckedSource> sources)
    {
        var check = RecipeValidator.Check(recipe.RecipeJson, _account);
        if (!check.IsValid)
        {
            var first = check.Problems[0];
            var all = string.Join(" ", check.Problems.Select(problem => problem.Message));
            return ItemOutcome.Failed(recipe.Item, null, null, new ItemFailure(check.IsRaster ? ErrorCodes.RasterRecipeInvalid : ErrorCodes.RecipeInvalid,
                $"{recipe.Ref.Spec} (tileset {recipe.Ref.Tileset}): {all}", first.Line ?? 0, first.Column ?? 0));
        }

        if (SourceMismatch(check, sources) is { } mismatch)
        {
            return ItemOutcome.Failed(recipe.Item, null, null, new ItemFailure(ErrorCodes.RasterRecipeSourceMismatch, $"{recipe.Ref.Spec} (tileset {recipe.Ref.Tileset}): {mismatch}"));
        }

        var content = recipe.Content;
        var stamp = _stamps.Read(recipe.Ref);
        var decision = Freshness.Decide(stamp, recipe.Item.Inputs, content);
        var differences = stamp is null ? [] : recipe.Item.Inputs.DifferencesFrom(stamp.Record.Inputs).ToList();
        // A stamp made against another service, account or tileset says nothing of whether this tileset exists.
        var known = stamp?.Record.UploadId is not null && !differences.Any(ItemInputs.Whereabouts.Contains);
        var recipeChanged = !known || !string.Equals(stamp!.Record.ContentHash, content.Sha256, StringComparison.Ordinal);
        var informationOnly = differences.Count > 0 && !recipeChanged && !_options.Force
            && differences.All(MtsItemReader.TilesetInformation.Contains)
            && stamp!.Record.Status is ItemStatus.Succeeded or ItemStatus.Skipped;
        var reason = _options.Force ? "MapboxUploadForce=true" : decision.Verdict == Verdict.UpToDate ? string.Empty : $"it {decision.Reason}";
        // For a recipe, changed content is a recipe change; a tileset this project's record does not place is made again in full.
        var why = decision.Verdict == Verdict.UpToDate ? (_options.Force ? ProcessingReason.Forced : (ProcessingReason?)null)
            : decision.Why == ProcessingReason.Changed && known ? ProcessingReason.RecipeChange
            : decision.Why ?? ProcessingReason.Reset;
        _log.Low($"Mapbox: {recipe.Ref.Spec} {decision.Reason}.");
        var incremental = IncrementalRecipe.Of(recipe.RecipeJson);
        return new CheckedRecipe(recipe, check.SourceIds, known, recipeChanged, differences.Count > 0, reason)
        {
            InformationOnly = informationOnly,
            LastJobId = stamp?.Record.UploadId,
            IsRaster = check.IsRaster,
            LastJobFigures = stamp?.Record.Job,
            Why = why,
            Incremental = incremental.Incremental ? incremental : null,
        };
    }

    /// <summary>The first file of this project's sources that the recipe cannot use (raster rules, <see cref="RasterRecipeSourceRules"/>).</summary>
    private static string? SourceMismatch(RecipeCheckResult check, IReadOnlyList<CheckedSource> sources) =>
        sources
            .Where(source => check.SourceIds.Contains(source.Group.SourceId))
            .SelectMany(source => source.Group.Files.Select((file, i) =>
                RasterRecipeSourceRules.Problem(check, source.Group.SourceId, file.Ref.FullPath, i < source.Raster.Count ? source.Raster[i] : null)))
            .FirstOrDefault(problem => problem is not null);
}
