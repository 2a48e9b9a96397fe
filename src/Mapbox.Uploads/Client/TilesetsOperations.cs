namespace Mapbox.Uploads;

/// <summary>
/// The operation names a <see cref="TilesetsClient"/> puts in <see cref="MapboxApiException.Operation"/> and
/// <see cref="RequestLogEntry.Operation"/>.
/// </summary>
public static class TilesetsOperations
{
    /// <summary>POST a file to a tileset source: creates it, or appends to it.</summary>
    public const string AppendSource = "append source";

    /// <summary>PUT a file to a tileset source, replacing all of its files.</summary>
    public const string ReplaceSource = "replace source";

    /// <summary>GET one tileset source.</summary>
    public const string GetSource = "get source";

    /// <summary>GET the account's tileset sources (one page).</summary>
    public const string ListSources = "list sources";

    /// <summary>DELETE a tileset source.</summary>
    public const string DeleteSource = "delete source";

    /// <summary>PUT a recipe to be validated.</summary>
    public const string ValidateRecipe = "validate recipe";

    /// <summary>GET a tileset's recipe.</summary>
    public const string GetRecipe = "get recipe";

    /// <summary>PATCH a tileset's recipe.</summary>
    public const string UpdateRecipe = "update recipe";

    /// <summary>POST a new tileset.</summary>
    public const string CreateTileset = "create tileset";

    /// <summary>PATCH a tileset's name, description, privacy or attribution.</summary>
    public const string UpdateTileset = "update tileset";

    /// <summary>GET the account's tilesets (one page).</summary>
    public const string ListTilesets = "list tilesets";

    /// <summary>DELETE a tileset.</summary>
    public const string DeleteTileset = "delete tileset";

    /// <summary>POST publish: starts a job that builds the tileset from its recipe.</summary>
    public const string Publish = "publish";

    /// <summary>GET one job.</summary>
    public const string GetJob = "get job";

    /// <summary>GET a tileset's jobs (one page).</summary>
    public const string ListJobs = "list jobs";

    /// <summary>POST a file to a tileset changeset: creates it, or appends to it.</summary>
    public const string AppendChangeset = "append changeset";

    /// <summary>PUT a file to a tileset changeset, replacing all of its files.</summary>
    public const string ReplaceChangeset = "replace changeset";

    /// <summary>GET one tileset changeset.</summary>
    public const string GetChangeset = "get changeset";

    /// <summary>GET the account's tileset changesets (one page).</summary>
    public const string ListChangesets = "list changesets";

    /// <summary>DELETE a tileset changeset.</summary>
    public const string DeleteChangeset = "delete changeset";

    /// <summary>POST publish-changesets: starts a job that applies changesets to an incremental tileset's layers.</summary>
    public const string PublishChangesets = "publish changesets";

    /// <summary>PUT queue: the number of jobs waiting in the global queue.</summary>
    public const string Queue = "queue";
}
