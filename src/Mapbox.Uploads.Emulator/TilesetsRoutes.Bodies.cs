using System.Collections.Generic;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Mapbox.Uploads.Emulator;

internal static partial class TilesetsRoutes
{
    private static async Task<JsonDocument?> ReadJsonAsync(HttpContext context)
    {
        try
        {
            return await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<string> RecipeErrors(EmulatorState state, JsonElement recipe, string user) =>
        TilesetsRecipeRules.Errors(recipe, user, key => state.Tilesets.FindSource(user, key[(key.IndexOf('/') + 1)..]) is not null && key.StartsWith(user + "/", System.StringComparison.Ordinal));

    private static async Task<IResult> ValidateRecipeAsync(HttpContext context, EmulatorState state)
    {
        using var document = await ReadJsonAsync(context);
        if (document is null)
        {
            return Results.Json(new { valid = false, errors = new[] { "recipe: not valid JSON" } });
        }
        var user = TokenUser(context, state);
        var errors = RecipeErrors(state, document.RootElement, user);
        return errors.Count == 0 ? Results.Json(new { valid = true }) : Results.Json(new { valid = false, errors });
    }

    private static async Task<IResult> UpdateRecipeAsync(HttpContext context, EmulatorState state, string tileset)
    {
        if (state.Tilesets.FindTileset(tileset) is null)
        {
            return Message(404, TilesetsMessages.TilesetNotFound);
        }
        using var document = await ReadJsonAsync(context);
        if (document is not null && RasterArraysRefused(state, document.RootElement) is { } refused)
        {
            return refused;
        }
        var errors = document is null ? ["recipe: not valid JSON"] : RecipeErrors(state, document.RootElement, tileset.Split('.')[0]);
        if (errors.Count > 0)
        {
            return Results.Json(new { message = TilesetsMessages.InvalidRecipe, errors }, statusCode: 400);
        }
        var recipeJson = document!.RootElement.GetRawText();
        state.Tilesets.Update(tileset, t => t.RecipeJson = recipeJson);
        return Results.NoContent();
    }

    private static async Task<IResult> CreateTilesetAsync(HttpContext context, EmulatorState state, string tileset)
    {
        if (!IsTilesetId(tileset))
        {
            return Message(400, TilesetsMessages.InvalidTilesetId);
        }
        using var document = await ReadJsonAsync(context);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("recipe", out var recipe))
        {
            return Message(400, TilesetsMessages.InvalidBody);
        }
        var body = document.RootElement;
        var name = body.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : tileset.Split('.')[1];
        var description = body.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        var isPrivate = !body.TryGetProperty("private", out var p) || p.ValueKind != JsonValueKind.False;
        if (InformationProblem(name, description) is { } problem)
        {
            return Message(400, problem);
        }
        if (state.Tilesets.FindTileset(tileset) is not null)
        {
            return Message(400, TilesetsMessages.TilesetExists);
        }
        if (RasterArraysRefused(state, recipe) is { } refused)
        {
            return refused;
        }
        var errors = RecipeErrors(state, recipe, tileset.Split('.')[0]);
        if (errors.Count > 0)
        {
            return Results.Json(new { message = TilesetsMessages.InvalidRecipe, errors }, statusCode: 400);
        }
        return state.Tilesets.TryCreateTileset(tileset, recipe.GetRawText(), name, description, isPrivate)
            ? Results.Json(new { message = $"Successfully created empty tileset {tileset}. Publish your tileset to begin processing your data into vector tiles." })
            : Message(400, TilesetsMessages.TilesetExists);
    }

    private static async Task<IResult> UpdateTilesetAsync(HttpContext context, EmulatorState state, string tileset)
    {
        using var document = await ReadJsonAsync(context);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return Message(400, TilesetsMessages.InvalidBody);
        }
        var body = document.RootElement;
        var name = body.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        var description = body.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        bool? isPrivate = body.TryGetProperty("private", out var p) && p.ValueKind is JsonValueKind.True or JsonValueKind.False ? p.GetBoolean() : null;
        if (InformationProblem(name, description) is { } problem)
        {
            return Message(400, problem);
        }
        var updated = state.Tilesets.Update(tileset, t =>
        {
            t.Name = name ?? t.Name;
            t.Description = description ?? t.Description;
            t.Private = isPrivate ?? t.Private;
        });
        return updated ? Results.NoContent() : Message(404, TilesetsMessages.TilesetNotFound);
    }

    /// <summary>A 403 naming the flag when a rasterarray recipe comes from an account without <c>api_rasterarrays</c>.</summary>
    private static IResult? RasterArraysRefused(EmulatorState state, JsonElement recipe) =>
        TilesetsRasterRules.TypeOf(recipe) == "rasterarray" && !state.Options.AccountFlags.Contains(TilesetsRasterRules.RasterArraysFlag)
            ? Message(403, TilesetsRasterRules.RasterArraysForbidden)
            : null;

    private static string? InformationProblem(string? name, string? description) =>
        name?.Length > TilesetsMessages.MaxNameLength ? TilesetsMessages.NameTooLong
        : description?.Length > TilesetsMessages.MaxDescriptionLength ? TilesetsMessages.DescriptionTooLong
        : null;

    private static string TokenUser(HttpContext context, EmulatorState state) =>
        state.Tokens.TryGet(QueryValues.Effective(context.Request.Query, "access_token"), out var minted) ? minted.Username : string.Empty;
}
