namespace Mapbox.Uploads.Emulator;

/// <summary>The parts of the emulated service that requests are recorded under and faults target.</summary>
public enum EmulatorRoute
{
    /// <summary>A request no route matched.</summary>
    Unknown,

    /// <summary><c>POST /uploads/v1/{username}/credentials</c>.</summary>
    Credentials,

    /// <summary><c>POST /uploads/v1/{username}</c>.</summary>
    Create,

    /// <summary><c>GET /uploads/v1/{username}/{upload_id}</c>.</summary>
    Status,

    /// <summary><c>GET /uploads/v1/{username}</c>.</summary>
    List,

    /// <summary><c>DELETE /uploads/v1/{username}/{upload_id}</c>.</summary>
    Delete,

    /// <summary>Any request to the emulated S3 bucket (<c>/{bucket}/{key}</c>).</summary>
    S3,

    /// <summary>Tiling Service: <c>/tilesets/v1/sources/{username}[/{id}]</c>, every method.</summary>
    TilesetSources,

    /// <summary>Tiling Service: <c>PUT /tilesets/v1/validateRecipe</c> and <c>/tilesets/v1/{tileset}/recipe</c>.</summary>
    TilesetRecipes,

    /// <summary>Tiling Service: create, update, list and delete tilesets, and their activity (<c>GET /activity/v1/{username}/tilesets</c>).</summary>
    Tilesets,

    /// <summary>Tiling Service: <c>POST /tilesets/v1/{tileset}/publish</c>.</summary>
    TilesetPublish,

    /// <summary>Tiling Service: jobs, the queue and a tileset's status.</summary>
    TilesetJobs,

    /// <summary>Tiling Service: <c>/tilesets/v1/changesets/{username}[/{id}]</c>, every method.</summary>
    TilesetChangesets,

    /// <summary>Tiling Service: <c>POST /tilesets/v1/{tileset}/publish-changesets</c>.</summary>
    TilesetPublishChangesets,

    /// <summary>Emulator only: <c>GET /_emulator/tilesets/{tileset}/features</c>, what the tiles would hold.</summary>
    EmulatorFeatures,
}

/// <summary>Endpoint metadata naming the route and the scope its token needs (null for S3).</summary>
internal sealed record RouteTag(EmulatorRoute Route, string? RequiredScope = null);

/// <summary>Endpoint metadata of a Tiling Service route: the rate-limit class it counts against instead of the Uploads limit.</summary>
internal sealed record TilesetsRateClass(string Name, int PerMinute);
