using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TaskItem = Microsoft.Build.Utilities.TaskItem;

namespace Mapbox.Uploads.Build.Tests.TilingService;

/// <summary>
/// A finished job read as the recipe's outcome: success publishes, failed is MBX6002 on the recipe with the job's
/// errors, superseded is reported plainly and publishes again next build, every warning is an MBX6003 on the recipe.
/// </summary>
public sealed class JobOutcomesTests
{
    private const string JobId = "cjob0000000000000000000001";
    private static readonly string RecipePath = Path.Combine(Path.GetTempPath(), "data-project", "recipes", "roads.json");

    private static CheckedRecipe Recipe()
    {
        var tileset = new TilesetId("lindenau", "roads");
        var item = new PipelineItem(
            new ItemRef(new TaskItem("recipes/roads.json"), RecipePath, tileset),
            new ItemInputs(tileset.ToString(), "lindenau", "https://api.example.test/", new SortedDictionary<string, string>(StringComparer.Ordinal)));
        var content = new ContentFingerprint(new string('a', 64), 42, DateTime.UnixEpoch, RecipePath);
        return new CheckedRecipe(new RecipeItem(item, "{}", content, "roads", null, true), new[] { "roads" }, true, false, false, "its source 'roads' changed");
    }

    private static TilesetJobWaitResult Finished(string stage, IReadOnlyList<string>? errors = null, IReadOnlyList<string>? warnings = null) =>
        new(new TilesetId("lindenau", "roads"), JobId, new TilesetJob
        {
            Id = JobId,
            Stage = stage,
            Errors = errors ?? Array.Empty<string>(),
            Warnings = warnings ?? Array.Empty<string>(),
            TilesetPrecisions = new Dictionary<string, double> { ["10m"] = 1.5 },
            Filesize = 2048,
        }, timedOut: false);

    [Fact]
    public void Success_publishes_with_the_job_and_its_figures_and_no_diagnostic()
    {
        var (log, engine) = MtsLogs.Create();

        var outcome = JobOutcomes.Of(Recipe(), Finished(TilesetJobStages.Success), log);

        Assert.Equal(ItemStatus.Succeeded, outcome.Status);
        Assert.Null(outcome.Failure);
        Assert.Equal(JobId, outcome.UploadId);
        Assert.Equal((JobId, "success", 2048L), (outcome.Job!.JobId, outcome.Job.Stage, outcome.Job.Filesize));
        Assert.Equal(1.5, outcome.Job.TilesetPrecisions!["10m"]);
        Assert.Equal($"Mapbox: lindenau.roads published by job {JobId} from recipes/roads.json, processed 0.002048 MB.", outcome.Summary);
        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
    }

    [Fact]
    public void Each_job_warning_is_an_MBX6003_warning_on_the_recipe_file_and_the_tileset_still_publishes()
    {
        var (log, engine) = MtsLogs.Create();
        var warnings = new[] { "Tile 5/16/10 exceeded 500 KB: 12 features dropped", "Layer roads: 3 features had no geometry" };

        var outcome = JobOutcomes.Of(Recipe(), Finished(TilesetJobStages.Success, warnings: warnings), log);

        Assert.Equal(ItemStatus.Succeeded, outcome.Status);
        Assert.EndsWith("with 2 warning(s), processed 0.002048 MB.", outcome.Summary, StringComparison.Ordinal);
        Assert.Equal(new[] { "MBX6003", "MBX6003" }, engine.WarningCodes);
        Assert.All(engine.Warnings, warning => Assert.Equal(RecipePath, warning.File));
        Assert.All(warnings.Zip(engine.Warnings), pair => Assert.StartsWith($"recipes/roads.json (tileset lindenau.roads): job {JobId}: {pair.First}", pair.Second.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_failed_job_is_MBX6002_naming_the_recipe_the_job_and_all_its_errors()
    {
        var (log, engine) = MtsLogs.Create();

        var outcome = JobOutcomes.Of(Recipe(), Finished(TilesetJobStages.Failed, errors: new[] { "Polygon ring not closed at feature 7", "Layer roads: no features" }), log);

        Assert.Equal(ItemStatus.Failed, outcome.Status);
        Assert.Equal("MBX6002", outcome.Failure!.Code.Code);
        Assert.Equal($"recipes/roads.json (tileset lindenau.roads): job {JobId} failed: Polygon ring not closed at feature 7; Layer roads: no features", outcome.Failure.Message);
        Assert.Equal((JobId, "failed"), (outcome.UploadId, outcome.Job!.Stage));
        Assert.Null(outcome.Summary);
    }

    [Fact]
    public void A_failed_job_without_errors_says_the_service_gave_no_reason()
    {
        var (log, _) = MtsLogs.Create();

        var outcome = JobOutcomes.Of(Recipe(), Finished(TilesetJobStages.Failed), log);

        Assert.EndsWith($"job {JobId} failed: the service gave no reason", outcome.Failure!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_superseded_job_is_reported_plainly_not_as_an_error_and_is_not_recorded_as_published()
    {
        var (log, engine) = MtsLogs.Create();

        var outcome = JobOutcomes.Of(Recipe(), Finished(TilesetJobStages.Superseded), log);

        Assert.Equal(ItemStatus.Created, outcome.Status);
        Assert.Null(outcome.Failure);
        Assert.Contains($"job {JobId} was superseded by a later publish of the same tileset", outcome.Summary, StringComparison.Ordinal);
        Assert.Contains("the next build publishes recipes/roads.json again", outcome.Summary, StringComparison.Ordinal);
        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
    }

    [Fact]
    public void A_job_unfinished_at_the_timeout_is_MBX7001_with_its_last_stage()
    {
        var (log, _) = MtsLogs.Create();
        var running = new TilesetJobWaitResult(new TilesetId("lindenau", "roads"), JobId, new TilesetJob { Id = JobId, Stage = TilesetJobStages.Processing }, timedOut: true);

        var outcome = JobOutcomes.Of(Recipe(), running, log);

        Assert.Equal(ItemStatus.Failed, outcome.Status);
        Assert.Equal("MBX7001", outcome.Failure!.Code.Code);
        Assert.Contains($"job {JobId} had not finished (stage processing)", outcome.Failure.Message, StringComparison.Ordinal);
    }
}
