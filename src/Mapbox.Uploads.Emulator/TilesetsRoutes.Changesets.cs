using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// Incremental updates: changesets (the shape of sources, in their own namespace), <c>publish-changesets</c>, and
/// the emulator-only view of what a tileset's tiles would hold.
/// </summary>
internal static partial class TilesetsRoutes
{
    public const string FeaturesPath = "/_emulator/tilesets/{tileset}/features";

    private static void MapChangesets(RouteGroupBuilder api, EmulatorState state, TilesetsRateClass changesetWrites, TilesetsRateClass publishes, TilesetsRateClass reads)
    {
        var changesets = api.MapGroup("/changesets/{username}");
        changesets.AddEndpointFilter((context, next) => RefuseUnlessIncrementalAsync(context, next, state));
        changesets.MapPost("/{id}", (HttpContext c, string username, string id) => WriteChangesetAsync(c, state, username, id, replace: false))
            .WithMetadata(new RouteTag(EmulatorRoute.TilesetChangesets, Write), changesetWrites);
        changesets.MapPut("/{id}", (HttpContext c, string username, string id) => WriteChangesetAsync(c, state, username, id, replace: true))
            .WithMetadata(new RouteTag(EmulatorRoute.TilesetChangesets, Write), changesetWrites);
        changesets.MapGet("/{id}", (string username, string id) => state.Tilesets.FindChangeset(username, id) is { } changeset
                ? Results.Json(ChangesetJson(changeset))
                : Message(404, TilesetsMessages.ChangesetNotFound(TilesetsMessages.ChangesetUriPrefix + username + "/" + id)))
            .WithMetadata(new RouteTag(EmulatorRoute.TilesetChangesets, Read), reads);
        changesets.MapGet("", (HttpContext c, string username) => ListChangesets(c, state, username))
            .WithMetadata(new RouteTag(EmulatorRoute.TilesetChangesets, List), reads);
        changesets.MapDelete("/{id}", (string username, string id) => state.Tilesets.DeleteChangeset(username, id)
                ? Results.NoContent()
                : Message(404, TilesetsMessages.ChangesetNotFound(TilesetsMessages.ChangesetUriPrefix + username + "/" + id)))
            .WithMetadata(new RouteTag(EmulatorRoute.TilesetChangesets, Write), changesetWrites);

        api.MapPost("/{tileset}/publish-changesets", (HttpContext c, string tileset) => PublishChangesetsAsync(c, state, tileset))
            .AddEndpointFilter((context, next) => RefuseUnlessIncrementalAsync(context, next, state))
            .WithMetadata(new RouteTag(EmulatorRoute.TilesetPublishChangesets, Write), publishes);
    }

    /// <summary>Maps the emulator-only feature view; it takes a token of the tileset's account with <c>tilesets:read</c>.</summary>
    public static void MapEmulatorViews(this IEndpointRouteBuilder app, EmulatorState state) =>
        app.MapGet(FeaturesPath, (string tileset) => Features(state, tileset))
            .AddEndpointFilter((context, next) => TokenCheck.RefuseAsync(context, next, state.Tokens))
            .WithMetadata(new RouteTag(EmulatorRoute.EmulatorFeatures, Read), new TilesetsRateClass("emulator views", 0));

    private static async ValueTask<object?> RefuseUnlessIncrementalAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, EmulatorState state) =>
        state.Options.IncrementalUpdates ? await next(context) : Message(403, TilesetsMessages.IncrementalNotEnabled);

    /// <summary>A refusal of a changeset's limits, worded as the documentation shows it: a body with an <c>error</c> property.</summary>
    private static IResult ErrorBody(int statusCode, string error) => Results.Json(new { error }, statusCode: statusCode);

    private static async Task<IResult> WriteChangesetAsync(HttpContext context, EmulatorState state, string username, string id, bool replace)
    {
        if (!IdPattern().IsMatch(id))
        {
            return ErrorBody(422, TilesetsMessages.InvalidChangesetId);
        }
        var (content, refusal) = await ReadFilePartAsync(context, ErrorBody(422, TilesetsMessages.ChangesetFileTooLarge));
        if (refusal is not null)
        {
            return refusal;
        }
        var (outcome, changeset, fileSize) = state.Tilesets.WriteChangeset(username, id, content!, replace);
        return outcome switch
        {
            TilesetsStore.SourceWrite.TooManyFiles => ErrorBody(422, TilesetsMessages.TooManyChangesetFiles),
            TilesetsStore.SourceWrite.SourceTooLarge => ErrorBody(422, TilesetsMessages.ChangesetTooLarge),
            _ => Results.Json(new { id = ChangesetUri(changeset!), files = changeset!.Files.Count, file_size = fileSize, source_size = Size(changeset) }),
        };
    }

    private static string ChangesetUri(ChangesetRecord changeset) => $"{TilesetsMessages.ChangesetUriPrefix}{changeset.User}/{changeset.Id}";

    private static long Size(ChangesetRecord changeset) => changeset.Files.Sum(f => f.Length);

    private static object ChangesetJson(ChangesetRecord changeset) => new
    {
        id = ChangesetUri(changeset),
        files = changeset.Files.Count,
        size = Size(changeset),
        size_nice = SizeNice(Size(changeset)),
    };

    private static IResult ListChangesets(HttpContext context, EmulatorState state, string username)
    {
        var sortBy = QueryValues.Effective(context.Request.Query, "sortby");
        if (sortBy is not (null or "created" or "modified"))
        {
            return Message(422, TilesetsMessages.InvalidSortBy);
        }
        return Page(context, state.Tilesets.Changesets(username, byModified: sortBy == "modified"), c => c.Id, ChangesetJson);
    }

    private static async Task<IResult> PublishChangesetsAsync(HttpContext context, EmulatorState state, string tileset)
    {
        if (state.Tilesets.FindTileset(tileset) is not { } record)
        {
            return Message(400, TilesetsMessages.TilesetNotFound);
        }
        using var document = await ReadJsonAsync(context);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object
            || !document.RootElement.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Object || !layers.EnumerateObject().Any())
        {
            return Message(400, TilesetsMessages.LayersRequired);
        }
        var user = tileset.Split('.')[0];
        var changesetByLayer = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var layer in layers.EnumerateObject())
        {
            if (layer.Value.ValueKind != JsonValueKind.Object || !layer.Value.TryGetProperty("changeset", out var uri) || uri.ValueKind != JsonValueKind.String)
            {
                return Message(400, TilesetsMessages.LayerWithoutChangeset(layer.Name));
            }
            var prefix = TilesetsMessages.ChangesetUriPrefix + user + "/";
            var text = uri.GetString()!;
            if (!text.StartsWith(prefix, StringComparison.Ordinal))
            {
                return Message(400, TilesetsMessages.ChangesetNotFound(text));
            }
            changesetByLayer[layer.Name] = user + "/" + text[prefix.Length..];
        }
        var (outcome, subject, job) = state.Tilesets.PublishChangesets(record, changesetByLayer);
        return outcome switch
        {
            TilesetsStore.ChangesetPublish.NotIncremental => Message(404, TilesetsMessages.NotIncremental),
            TilesetsStore.ChangesetPublish.RecipeChanged => Message(400, TilesetsMessages.RecipeChanged),
            TilesetsStore.ChangesetPublish.UnknownLayer => Message(400, TilesetsMessages.UnknownLayer(subject!)),
            TilesetsStore.ChangesetPublish.ChangesetMissing => Message(400, TilesetsMessages.ChangesetNotFound(subject!)),
            TilesetsStore.ChangesetPublish.AllLayersEmpty => Message(422, TilesetsMessages.AllLayersEmpty),
            TilesetsStore.ChangesetPublish.QueueFull => Message(422, TilesetsMessages.QueueFull),
            _ => Results.Json(new { message = TilesetsMessages.Publishing(tileset), jobId = job!.Id }),
        };
    }

    /// <summary><c>{"tileset": id, "layers": {"name": [feature, ...]}}</c>: each layer's features in order, as stored.</summary>
    private static IResult Features(EmulatorState state, string tileset)
    {
        if (state.Tilesets.Features(tileset) is not { } layers)
        {
            return Message(404, TilesetsMessages.TilesetNotFound);
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("tileset", tileset);
            writer.WriteStartObject("layers");
            foreach (var (layer, features) in layers)
            {
                writer.WriteStartArray(layer);
                foreach (var feature in features)
                {
                    writer.WriteRawValue(feature, skipInputValidation: true);
                }
                writer.WriteEndArray();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        return Results.Bytes(buffer.ToArray(), "application/json");
    }
}
