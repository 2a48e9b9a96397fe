using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Build;
using Mapbox.Uploads.Tool.Output;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Tool.Commands.Tilesets;

/// <summary>
/// <c>publish TILESET [--recipe FILE] [--no-wait] [--timeout S] [--dry-run]</c>: creates or updates the tileset from the recipe
/// when given, publishes it and waits for the job.
/// </summary>
internal static class PublishCommand
{
    private static readonly Argument<string> Tileset = TilesetArgument();

    private static readonly Option<string?> Recipe = new("--recipe")
    {
        Description = "A recipe file: checked locally, validated by the service, then the tileset is created from it (or its recipe updated) before publishing.",
    };

    private static readonly Option<bool> NoWait = new("--no-wait")
    {
        Description = "Return once the job is started, without waiting for it.",
    };

    private static readonly Option<int> Timeout = CommandOptions.Timeout("the job");

    private static readonly Option<bool> DryRun = new("--dry-run")
    {
        Description = "Print what the job would process (and bill): the whole of every source the recipe reads, and the last job's cost, as the build's estimate; change nothing.",
    };

    /// <summary>The TILESET argument, made afresh for each command that takes it.</summary>
    public static Argument<string> TilesetArgument() => new("TILESET")
    {
        Description = "The tileset: 'roads' (in the token's account) or 'owner.roads'.",
    };

    public static Command Create()
    {
        var command = new Command("publish", "Publish a Mapbox Tiling Service tileset: with --recipe, create it or update its recipe first; then start the job and wait for it, "
            + "with its stage on stderr. Exit code 1 when the job fails (with its errors) or the wait times out; the job's warnings are printed.")
        {
            Tileset, Recipe, NoWait, Timeout, DryRun,
        };
        command.SetToolAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, ToolContext context)
    {
        using var client = context.CreateTilesetsClient();
        var tileset = UploadCommand.TilesetOf(parse.GetValue(Tileset)!, client.Username);
        var recipePath = parse.GetValue(Recipe);
        if (parse.GetValue(DryRun))
        {
            return await EstimateAsync(client, tileset, recipePath, context);
        }

        var recipe = recipePath is null ? null : await ApplyRecipeAsync(client, tileset, recipePath, context);
        if (recipe is { Valid: false })
        {
            return ExitCodes.Failed;
        }

        var published = await client.PublishAsync(tileset, context.Cancellation);
        var incremental = published.Incremental is { } kind ? $" ({kind} publish of an incremental tileset)" : string.Empty;
        context.Error.WriteLine($"{tileset}: publishing, job {published.JobId}{incremental}.");
        return await FollowAsync(client, tileset, published, parse.GetValue(NoWait), CommandOptions.Seconds(parse.GetValue(Timeout)), recipePath,
            async () => TilesetCodes.FailedJob(recipe?.IsRaster ?? await IsRasterAsync(client, tileset, context)), context);
    }

    /// <summary>
    /// After a publish or publish-changesets: returns at once with <paramref name="noWait"/>, else waits for the job,
    /// prints its warnings and stage, and codes a failure with <paramref name="failedCode"/> (asked only then: it may need a request) on <paramref name="recipePath"/> (the recipe or payload file).
    /// </summary>
    internal static async Task<int> FollowAsync(
        TilesetsClient client, TilesetId tileset, PublishedJob published, bool noWait, TimeSpan timeout, string? recipePath, Func<Task<Build.ErrorCode>> failedCode, ToolContext context)
    {
        if (noWait)
        {
            Write(context, new { Tileset = tileset.ToString(), published.JobId, published.Incremental }, $"{tileset}: job {published.JobId} started");
            return ExitCodes.Success;
        }

        var job = await WaitAsync(client, tileset, published.JobId, timeout, recipePath, context);
        foreach (var warning in job.Warnings)
        {
            context.Error.WriteLine($"{recipePath ?? "dotnet mapbox"}: warning: {tileset}, job {job.Id}: {warning}");
        }

        Write(context, job, $"{tileset}: job {job.Id} {job.Stage}");
        if (job.Stage == TilesetJobStages.Failed)
        {
            context.Error.WriteLine(ToolContext.Diagnostic(await failedCode(), $"{tileset}, job {job.Id}: {string.Join("; ", job.Errors)}", recipePath));
            return ExitCodes.Failed;
        }

        if (job.Stage == TilesetJobStages.Superseded)
        {
            context.Error.WriteLine($"{tileset}: job {job.Id} was superseded by a later publish of the tileset, whose result the tileset gets ('dotnet mapbox jobs {tileset}').");
        }

        return ExitCodes.Success;
    }

    /// <summary>
    /// The dry run: reads the recipe (the file's, checked locally, or the tileset's), each source's size and the last
    /// successful job from the service, and prints the estimate; nothing is changed.
    /// </summary>
    private static async Task<int> EstimateAsync(TilesetsClient client, TilesetId tileset, string? recipePath, ToolContext context)
    {
        var exists = await ExistsAsync(client, tileset, context);
        string json;
        if (recipePath is not null)
        {
            if (!System.IO.File.Exists(recipePath))
            {
                throw new CodedFailure(ErrorCodes.FileMissing, "No recipe file exists at this path. Check the spelling.", file: recipePath);
            }

            json = await System.IO.File.ReadAllTextAsync(recipePath, context.Cancellation);
        }
        else if (exists)
        {
            json = (await client.GetRecipeAsync(tileset, context.Cancellation)).Recipe.GetRawText();
        }
        else
        {
            throw new CodedFailure(TilesetCodes.RecipeInvalid, $"{tileset} does not exist on Mapbox; give its recipe with --recipe.", ExitCodes.Usage);
        }

        var check = RecipeValidator.Check(json, client.Username);
        if (!check.IsValid)
        {
            foreach (var problem in check.Problems)
            {
                context.Error.WriteLine(ToolContext.Diagnostic(TilesetCodes.LocalRecipeProblem(check.IsRaster), $"the recipe fails a local check (nothing was sent): {problem.Message}", recipePath, problem.Line, problem.Column));
            }

            return ExitCodes.Failed;
        }

        var ids = check.SourceIds.Distinct(StringComparer.Ordinal).ToList();
        var missing = new List<string>();
        long bytes = 0;
        foreach (var id in ids)
        {
            try
            {
                bytes += (await client.GetSourceAsync(id, context.Cancellation)).Size;
            }
            catch (MapboxApiException e) when (e.Failure == MapboxApiFailure.NotFound)
            {
                missing.Add(id);
            }
        }

        LastJobCost? last = null;
        if (exists)
        {
            await foreach (var job in client.ListJobsAsync(tileset, TilesetJobStages.Success, limit: 1, context.Cancellation))
            {
                last = new LastJobCost(job.Id, job.ComputeUnits, job.Filesize);
                break;
            }
        }

        var note = missing.Count == 0 ? null : $"source(s) {string.Join(", ", missing.Select(id => $"'{id}'"))} not found on Mapbox and not counted";
        var what = $"{string.Join(", ", ids.Select(id => $"'{id}'"))} read by {recipePath ?? "the tileset's recipe"}";
        EstimateText.Write(context, [new ProcessingRow(tileset.ToString(), ProcessedKind.Source, bytes, exists ? ProcessingReason.Requested : ProcessingReason.New, what, note is null, note, last)]);
        return ExitCodes.Success;
    }

    /// <summary>Validates the recipe, then creates the tileset from it, or updates the recipe of the existing one.</summary>
    /// <returns>The judged recipe; when it is invalid, its errors are printed and nothing was changed.</returns>
    private static async Task<RecipeFile> ApplyRecipeAsync(TilesetsClient client, TilesetId tileset, string path, ToolContext context)
    {
        var recipe = await RecipeFile.ValidateAsync(client, path, context);
        if (!recipe.Valid)
        {
            foreach (var line in recipe.Diagnostics())
            {
                context.Error.WriteLine(line);
            }

            return recipe;
        }

        if (await ExistsAsync(client, tileset, context))
        {
            await client.UpdateRecipeAsync(tileset, recipe.Json, context.Cancellation);
            context.Error.WriteLine($"{path}: updated the recipe of {tileset}.");
        }
        else
        {
            await client.CreateTilesetAsync(tileset, new NewTileset(recipe.Json, tileset.Id), context.Cancellation);
            context.Error.WriteLine($"{path}: created {tileset}.");
        }

        return recipe;
    }

    private static async Task<bool> ExistsAsync(TilesetsClient client, TilesetId tileset, ToolContext context)
    {
        try
        {
            await client.GetRecipeAsync(tileset, context.Cancellation);
            return true;
        }
        catch (MapboxApiException e) when (e.Failure == MapboxApiFailure.NotFound)
        {
            return false;
        }
    }

    /// <summary>Whether the tileset's recipe on Mapbox is raster or rasterarray, asked only to code a failed job published without --recipe.</summary>
    private static async Task<bool> IsRasterAsync(TilesetsClient client, TilesetId tileset, ToolContext context)
    {
        try
        {
            return RecipeValidator.Check((await client.GetRecipeAsync(tileset, context.Cancellation)).Recipe.GetRawText(), client.Username).IsRaster;
        }
        catch (MapboxApiException)
        {
            return false;
        }
    }

    private static async Task<TilesetJob> WaitAsync(TilesetsClient client, TilesetId tileset, string jobId, TimeSpan timeout, string? recipePath, ToolContext context)
    {
        string? lastStage = null;
        var progress = new LineProgress<TilesetJob>(job =>
        {
            if (job.Stage != lastStage)
            {
                lastStage = job.Stage;
                context.Error.WriteLine($"{tileset}: job {job.Id} {job.Stage}");
            }
        });
        try
        {
            return await client.WaitForJobAsync(tileset, jobId, timeout, progress, context.Cancellation);
        }
        catch (TimeoutException e)
        {
            throw new CodedFailure(TilesetCodes.JobTimedOut, $"{e.Message} It continues on Mapbox ('dotnet mapbox jobs {tileset} {jobId}').", file: recipePath);
        }
    }

    private static void Write(ToolContext context, object json, string text)
    {
        if (context.Json)
        {
            context.WriteJson(json);
        }
        else
        {
            context.Out.WriteLine(text);
        }
    }
}
