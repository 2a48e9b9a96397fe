using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Mapbox.Uploads.Emulator;

/// <summary>The Tiling Service routes under <c>/tilesets/v1</c>: sources, recipes, tilesets, publish, jobs, queue; and tileset activity.</summary>
internal static partial class TilesetsRoutes
{
    private const string Write = "tilesets:write";
    private const string Read = "tilesets:read";
    private const string List = "tilesets:list";

    public static void MapTilesetsApi(this IEndpointRouteBuilder app, EmulatorState state)
    {
        var sourceWrites = new TilesetsRateClass("source writes", 100);
        var recipeWrites = new TilesetsRateClass("recipe writes", 100);
        var tilesetWrites = new TilesetsRateClass("tileset writes", 100);
        var publishes = new TilesetsRateClass("publish", state.Options.TilesetPublishesPerMinute);
        var reads = new TilesetsRateClass("reads", 3000);
        var api = app.MapGroup("/tilesets/v1");
        api.AddEndpointFilter((context, next) => TokenCheck.RefuseAsync(context, next, state.Tokens));

        api.MapPost("/sources/{username}/{id}", (HttpContext c, string username, string id) => WriteSourceAsync(c, state, username, id, replace: false))
            .WithMetadata(new RouteTag(EmulatorRoute.TilesetSources, Write), sourceWrites);
        api.MapPut("/sources/{username}/{id}", (HttpContext c, string username, string id) => WriteSourceAsync(c, state, username, id, replace: true))
            .WithMetadata(new RouteTag(EmulatorRoute.TilesetSources, Write), sourceWrites);
        api.MapGet("/sources/{username}/{id}", (string username, string id) => GetSource(state, username, id))
            .WithMetadata(new RouteTag(EmulatorRoute.TilesetSources, Read), reads);
        api.MapGet("/sources/{username}", (HttpContext c, string username) => Page(c, state.Tilesets.Sources(username), s => s.Id, SourceJson))
            .WithMetadata(new RouteTag(EmulatorRoute.TilesetSources, List), reads);
        api.MapDelete("/sources/{username}/{id}", (string username, string id) => state.Tilesets.DeleteSource(username, id) switch
        {
            true => Results.NoContent(),
            false => Message(404, TilesetsMessages.SourceNotFound),
            null => Message(409, TilesetsMessages.Locked),
        }).WithMetadata(new RouteTag(EmulatorRoute.TilesetSources, Write), sourceWrites);

        api.MapPut("/validateRecipe", (Func<HttpContext, Task<IResult>>)(c => ValidateRecipeAsync(c, state)))
            .WithMetadata(new RouteTag(EmulatorRoute.TilesetRecipes, Write), recipeWrites);
        api.MapGet("/{tileset}/recipe", (string tileset) => state.Tilesets.FindTileset(tileset) is { } t
                ? Results.Json(new { id = t.Id, recipe = JsonDocument.Parse(t.RecipeJson).RootElement })
                : Message(404, TilesetsMessages.TilesetNotFound))
            .WithMetadata(new RouteTag(EmulatorRoute.TilesetRecipes, Read), reads);
        api.MapPatch("/{tileset}/recipe", (HttpContext c, string tileset) => UpdateRecipeAsync(c, state, tileset))
            .WithMetadata(new RouteTag(EmulatorRoute.TilesetRecipes, Write), recipeWrites);

        api.MapPost("/{tileset}", (HttpContext c, string tileset) => CreateTilesetAsync(c, state, tileset))
            .WithMetadata(new RouteTag(EmulatorRoute.Tilesets, Write), tilesetWrites);
        api.MapPatch("/{tileset}", (HttpContext c, string tileset) => UpdateTilesetAsync(c, state, tileset))
            .WithMetadata(new RouteTag(EmulatorRoute.Tilesets, Write), tilesetWrites);
        api.MapDelete("/{tileset}", (string tileset) => state.Tilesets.DeleteTileset(tileset)
                ? Results.Json(new { message = TilesetsMessages.Deleted(tileset) })
                : Message(404, TilesetsMessages.TilesetNotFound))
            .WithMetadata(new RouteTag(EmulatorRoute.Tilesets, Write), tilesetWrites);
        api.MapGet("/{username}", (HttpContext c, string username) => ListTilesets(c, state, username))
            .WithMetadata(new RouteTag(EmulatorRoute.Tilesets, List), reads);

        api.MapPost("/{tileset}/publish", (string tileset) => Publish(state, tileset))
            .WithMetadata(new RouteTag(EmulatorRoute.TilesetPublish, Write), publishes);
        api.MapGet("/{tileset}/jobs/{jobId}", (string tileset, string jobId) => state.Tilesets.Read(() =>
                state.Tilesets.FindTileset(tileset)?.Jobs.FirstOrDefault(j => j.Id == jobId) is { } job ? Results.Json(JobJson(job)) : Message(404, TilesetsMessages.JobNotFound)))
            .WithMetadata(new RouteTag(EmulatorRoute.TilesetJobs, Read), reads);
        api.MapGet("/{tileset}/jobs", (HttpContext c, string tileset) => ListJobs(c, state, tileset))
            .WithMetadata(new RouteTag(EmulatorRoute.TilesetJobs, Read), reads);
        api.MapGet("/{tileset}/status", (string tileset) => state.Tilesets.Read(() => state.Tilesets.FindTileset(tileset) is { } t
                ? Results.Json(new { id = t.Id, status = "available", latest_job = t.Jobs.LastOrDefault()?.Id })
                : Message(404, TilesetsMessages.TilesetNotFound)))
            .WithMetadata(new RouteTag(EmulatorRoute.TilesetJobs, Read), reads);
        MapChangesets(api, state, sourceWrites, publishes, reads);

        api.MapPut("/queue", () => Results.Json(new { total = state.Tilesets.QueuedJobs() }))
            .WithMetadata(new RouteTag(EmulatorRoute.TilesetJobs, Read), reads);
        MapActivity(app, state);
    }

    private static IResult Message(int statusCode, string message) => ApiRoutes.Message(statusCode, message);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex IdPattern();

    private static bool IsTilesetId(string tileset) =>
        tileset.Split('.') is [var owner, var id] && owner.Length > 0 && IdPattern().IsMatch(id);

    private static async Task<IResult> WriteSourceAsync(HttpContext context, EmulatorState state, string username, string id, bool replace)
    {
        if (!IdPattern().IsMatch(id))
        {
            return Message(422, TilesetsMessages.InvalidSourceId);
        }
        var (content, refusal) = await ReadFilePartAsync(context, Message(422, TilesetsMessages.FileTooLarge));
        if (refusal is not null)
        {
            return refusal;
        }
        var (outcome, source, fileSize) = state.Tilesets.WriteSource(username, id, content!, replace);
        return outcome switch
        {
            TilesetsStore.SourceWrite.Locked => Message(409, TilesetsMessages.Locked),
            TilesetsStore.SourceWrite.TooManyFiles => Message(422, TilesetsMessages.TooManyFiles),
            TilesetsStore.SourceWrite.SourceTooLarge => Message(422, TilesetsMessages.SourceTooLarge),
            _ => Results.Json(new { id = SourceUri(source!), files = source!.Files.Count, source_size = Size(source), file_size = fileSize }),
        };
    }

    /// <summary>
    /// The one <c>file</c> part of a multipart body, as the service takes it for sources and changesets: streamed
    /// into a <see cref="StoredFile"/> section by section, never buffered as a form, so a file of many gigabytes
    /// passes as it does to the service (20 GB a file).
    /// </summary>
    private static async Task<(StoredFile? Content, IResult? Refusal)> ReadFilePartAsync(HttpContext context, IResult tooLarge)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return (null, Message(400, TilesetsMessages.NoFilePart));
        }
        StoredFile? file = null;
        var files = 0;
        try
        {
            var reader = new MultipartReader(boundary, context.Request.Body);
            while (await reader.ReadNextSectionAsync(context.RequestAborted) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.IsFileDisposition())
                {
                    await section.Body.DrainAsync(context.RequestAborted);
                    continue;
                }
                files++;
                if (file is not null || HeaderUtilities.RemoveQuotes(disposition.Name).Value != "file")
                {
                    await section.Body.DrainAsync(context.RequestAborted);
                    continue;
                }
                file = await StoredFile.ReceiveAsync(section.Body, TilesetsMessages.MaxFileBytes, context.RequestAborted);
                if (file is null)
                {
                    return (null, tooLarge);
                }
            }
        }
        catch (InvalidDataException)
        {
            file?.Dispose();
            return (null, Message(400, TilesetsMessages.NoFilePart));
        }
        catch
        {
            file?.Dispose();
            throw;
        }
        if (file is null || files != 1)
        {
            file?.Dispose();
            return (null, Message(400, TilesetsMessages.NoFilePart));
        }
        return (file, null);
    }

    private static IResult GetSource(EmulatorState state, string username, string id) =>
        state.Tilesets.FindSource(username, id) is { } source ? Results.Json(SourceJson(source)) : Message(404, TilesetsMessages.SourceNotFound);

    private static string SourceUri(SourceRecord source) => $"{TilesetsMessages.SourceUriPrefix}{source.User}/{source.Id}";

    private static long Size(SourceRecord source) => source.Files.Sum(f => f.Length);

    private static object SourceJson(SourceRecord source) => new
    {
        id = SourceUri(source),
        files = source.Files.Count,
        size = Size(source),
        size_nice = SizeNice(Size(source)),
    };

    private static string SizeNice(long size) => size.ToString(CultureInfo.InvariantCulture) + " B";

    private static IResult ListTilesets(HttpContext context, EmulatorState state, string username)
    {
        var query = context.Request.Query;
        var type = QueryValues.Effective(query, "type");
        var visibility = QueryValues.Effective(query, "visibility");
        var tilesets = state.Tilesets.Tilesets(username)
            .Where(t => type is null or "vector")
            .Where(t => visibility is null || visibility == (t.Private ? "private" : "public"));
        if (QueryValues.Effective(query, "sortby") == "modified")
        {
            tilesets = tilesets.OrderByDescending(t => t.Modified);
        }
        return Page(context, tilesets.ToList(), t => t.Id, t => new
        {
            id = t.Id,
            name = t.Name,
            description = t.Description,
            type = "vector",
            visibility = t.Private ? "private" : "public",
            status = "available",
            created = Rfc3339(t.Created),
            modified = Rfc3339(t.Modified),
            filesize = t.Jobs.LastOrDefault(j => j.Stage == JobStage.Success)?.Filesize ?? 0,
        });
    }

    private static IResult ListJobs(HttpContext context, EmulatorState state, string tileset) => state.Tilesets.Read(() =>
    {
        if (state.Tilesets.FindTileset(tileset) is not { } record)
        {
            return Message(404, TilesetsMessages.TilesetNotFound);
        }
        var stage = QueryValues.Effective(context.Request.Query, "stage");
        var jobs = record.Jobs.Where(j => stage is null || j.Stage == stage).Reverse().ToList();
        return Page(context, jobs, j => j.Id, JobJson);
    });

    /// <summary>One page of <paramref name="items"/>: <c>limit</c> 1 to 500, <c>start</c> the last id of the page before.</summary>
    private static IResult Page<T>(HttpContext context, IReadOnlyList<T> items, Func<T, string> idOf, Func<T, object> toJson)
    {
        var query = context.Request.Query;
        var limit = TilesetsMessages.DefaultListLimit;
        if (QueryValues.Effective(query, "limit") is { } limitText &&
            (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > TilesetsMessages.MaxListLimit))
        {
            return Message(422, TilesetsMessages.InvalidLimit);
        }
        var startIndex = 0;
        if (QueryValues.Effective(query, "start") is { } start)
        {
            var found = items.Select(idOf).ToList().IndexOf(start);
            if (found < 0)
            {
                return Message(422, TilesetsMessages.InvalidStart);
            }
            startIndex = found + 1;
        }
        var page = items.Skip(startIndex).Take(limit).ToList();
        if (startIndex + page.Count < items.Count)
        {
            context.Response.Headers.Link = $"<{ApiRoutes.NextPageUrl(context.Request, idOf(page[^1]))}>; rel=\"next\"";
        }
        return Results.Json(page.Select(toJson));
    }

    private static IResult Publish(EmulatorState state, string tileset)
    {
        if (state.Tilesets.FindTileset(tileset) is not { } record)
        {
            return Message(404, TilesetsMessages.TilesetNotFound);
        }
        var job = state.Tilesets.Publish(record);
        return job is null
            ? Message(422, TilesetsMessages.QueueFull)
            : Results.Json(PublishedJson(tileset, job));
    }

    private static object PublishedJson(string tileset, JobRecord job) => job.Incremental is { } incremental
        ? new { message = TilesetsMessages.Publishing(tileset), jobId = job.Id, incremental }
        : new { message = TilesetsMessages.Publishing(tileset), jobId = job.Id };

    private static object JobJson(JobRecord job) => new
    {
        id = job.Id,
        stage = job.Stage,
        tilesetId = job.TilesetId,
        created = job.Created.ToUnixTimeMilliseconds(),
        created_nice = Rfc3339(job.Created),
        published = job.Published?.ToUnixTimeMilliseconds(),
        completed = job.Completed?.ToUnixTimeMilliseconds(),
        errors = job.Stage is JobStage.Failed ? job.Errors : [],
        warnings = job.Stage is JobStage.Success or JobStage.Failed ? job.Warnings : [],
        tileset_precisions = job.Stage == JobStage.Success ? new Dictionary<string, double> { ["10m"] = Math.Round(job.LayerFeatures.Values.Sum() * 0.01, 2) } : null,
        layer_stats = job.Stage == JobStage.Success ? job.LayerFeatures.ToDictionary(l => l.Key, l => new { total_features = l.Value }) : null,
        filesize = job.Stage == JobStage.Success ? job.Filesize : (long?)null,
        cu = job.Stage == JobStage.Success ? job.ComputeUnits : (double?)null,
    };

    private static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
