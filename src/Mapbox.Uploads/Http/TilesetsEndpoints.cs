using System;
using System.Collections.Generic;

namespace Mapbox.Uploads.Http;

/// <summary>The classes of Tiling Service endpoints that share one rate limit.</summary>
internal enum TilesetsEndpointClass
{
    SourceWrite,
    Publish,
    RecipeWrite,
    TilesetWrite,
    Read,
}

/// <summary>
/// The one table of the Tiling Service's endpoints as the client sees them: each operation's rate-limit class and the
/// scope a token needs for it, and each class's documented requests per minute.
/// </summary>
internal static class TilesetsEndpoints
{
    public const string WriteScope = "tilesets:write";
    public const string ReadScope = "tilesets:read";
    public const string ListScope = "tilesets:list";

    private static readonly Dictionary<TilesetsEndpointClass, int> PerMinute = new()
    {
        [TilesetsEndpointClass.SourceWrite] = 100,
        [TilesetsEndpointClass.Publish] = 2,
        [TilesetsEndpointClass.RecipeWrite] = 100,
        [TilesetsEndpointClass.TilesetWrite] = 100,
        [TilesetsEndpointClass.Read] = 3000,
    };

    private static readonly Dictionary<string, (TilesetsEndpointClass Class, string Scope)> Operations = new(StringComparer.Ordinal)
    {
        [TilesetsOperations.AppendSource] = (TilesetsEndpointClass.SourceWrite, WriteScope),
        [TilesetsOperations.ReplaceSource] = (TilesetsEndpointClass.SourceWrite, WriteScope),
        [TilesetsOperations.DeleteSource] = (TilesetsEndpointClass.SourceWrite, WriteScope),
        [TilesetsOperations.GetSource] = (TilesetsEndpointClass.Read, ReadScope),
        [TilesetsOperations.ListSources] = (TilesetsEndpointClass.Read, ListScope),
        [TilesetsOperations.ValidateRecipe] = (TilesetsEndpointClass.RecipeWrite, WriteScope),
        [TilesetsOperations.UpdateRecipe] = (TilesetsEndpointClass.RecipeWrite, WriteScope),
        [TilesetsOperations.GetRecipe] = (TilesetsEndpointClass.Read, ReadScope),
        [TilesetsOperations.CreateTileset] = (TilesetsEndpointClass.TilesetWrite, WriteScope),
        [TilesetsOperations.UpdateTileset] = (TilesetsEndpointClass.TilesetWrite, WriteScope),
        [TilesetsOperations.DeleteTileset] = (TilesetsEndpointClass.TilesetWrite, WriteScope),
        [TilesetsOperations.ListTilesets] = (TilesetsEndpointClass.Read, ListScope),
        [TilesetsOperations.Publish] = (TilesetsEndpointClass.Publish, WriteScope),

        // Changesets are absent from the documented rate-limit table: paced as sources, and publish-changesets as publish.
        [TilesetsOperations.AppendChangeset] = (TilesetsEndpointClass.SourceWrite, WriteScope),
        [TilesetsOperations.ReplaceChangeset] = (TilesetsEndpointClass.SourceWrite, WriteScope),
        [TilesetsOperations.DeleteChangeset] = (TilesetsEndpointClass.SourceWrite, WriteScope),
        [TilesetsOperations.GetChangeset] = (TilesetsEndpointClass.Read, ReadScope),
        [TilesetsOperations.ListChangesets] = (TilesetsEndpointClass.Read, ListScope),
        [TilesetsOperations.PublishChangesets] = (TilesetsEndpointClass.Publish, WriteScope),
        [TilesetsOperations.GetJob] = (TilesetsEndpointClass.Read, ReadScope),
        [TilesetsOperations.ListJobs] = (TilesetsEndpointClass.Read, ReadScope),
        [TilesetsOperations.Queue] = (TilesetsEndpointClass.Read, ReadScope),
    };

    public static IReadOnlyDictionary<TilesetsEndpointClass, int> RequestsPerMinute => PerMinute;

    public static TilesetsEndpointClass ClassOf(string operation) => Operations[operation].Class;

    public static string ScopeOf(string operation) => Operations[operation].Scope;
}
