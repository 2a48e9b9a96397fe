namespace Mapbox.Uploads;

/// <summary>What went wrong with an Uploads API call, in the service's terms (<see cref="MapboxApiException.Failure"/>).</summary>
public enum MapboxApiFailure
{
    /// <summary>The service refused the request's values, or refused it for a reason not listed here.</summary>
    Refused,

    /// <summary>The access token is missing, invalid, revoked or expired (401).</summary>
    TokenRejected,

    /// <summary>The token lacks the scope the call needs; <see cref="MapboxApiException.MissingScope"/> names it.</summary>
    ScopeMissing,

    /// <summary>No such upload: an unknown id, or another account's.</summary>
    NotFound,

    /// <summary>The tileset still has an upload processing; create may succeed once it has finished.</summary>
    TilesetBusy,

    /// <summary>The account's request budget was spent through every retry.</summary>
    RateLimited,

    /// <summary>The service failed (5xx) or gave no response through every retry.</summary>
    Unavailable,

    /// <summary>The service answered with success, but with a body or a link the client cannot use.</summary>
    InvalidAnswer,

    /// <summary>
    /// The account lacks a feature the call needs (403 naming the flag, e.g. <c>api_rasterarrays</c> for rasterarray
    /// tilesets); only Mapbox can enable it.
    /// </summary>
    AccountFeatureMissing,
}
