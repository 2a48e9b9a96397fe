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
}

/// <summary>Endpoint metadata naming the route and the scope its token needs (null for S3).</summary>
internal sealed record RouteTag(EmulatorRoute Route, string? RequiredScope = null);
