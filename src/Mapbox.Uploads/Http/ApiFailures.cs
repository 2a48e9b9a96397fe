using System;

namespace Mapbox.Uploads.Http;

/// <summary>The one place that reads HTTP statuses as <see cref="MapboxApiFailure"/>s, and knows each call's scope.</summary>
internal static class ApiFailures
{
    /// <summary>The account feature flag rasterarray tilesets need, as the service names it in its 403.</summary>
    public const string RasterArraysFlag = "api_rasterarrays";

    public static MapboxApiFailure Classify(string operation, int statusCode, string? serviceMessage) => statusCode switch
    {
        0 or >= 500 => MapboxApiFailure.Unavailable,
        >= 200 and < 300 => MapboxApiFailure.InvalidAnswer,
        401 => MapboxApiFailure.TokenRejected,
        403 when serviceMessage?.IndexOf(RasterArraysFlag, StringComparison.Ordinal) >= 0 => MapboxApiFailure.AccountFeatureMissing,
        403 => MapboxApiFailure.ScopeMissing,

        // Older service versions answer 404 to a credentials request whose token lacks uploads:write.
        404 when operation == UploadsOperations.Credentials => MapboxApiFailure.ScopeMissing,
        404 => MapboxApiFailure.NotFound,
        409 => MapboxApiFailure.TilesetBusy,
        422 when BusyWording.IsBusy(serviceMessage) => MapboxApiFailure.TilesetBusy,
        429 => MapboxApiFailure.RateLimited,
        _ => MapboxApiFailure.Refused,
    };

    /// <summary>The scope a call needs: reading one upload, listing them, or anything that writes.</summary>
    public static string ScopeOf(string operation) => operation switch
    {
        UploadsOperations.Status => "uploads:read",
        UploadsOperations.List => "uploads:list",
        _ => "uploads:write",
    };

    public static string? MissingScopeOf(string operation, MapboxApiFailure failure) =>
        failure == MapboxApiFailure.ScopeMissing ? ScopeOf(operation) : null;

    public static string Advice(string operation, MapboxApiFailure kind, FailedResponse failure) => kind switch
    {
        MapboxApiFailure.TilesetBusy => "The tileset still has an upload processing; try again once it has finished.",
        MapboxApiFailure.TokenRejected => "The access token is missing, invalid or revoked.",
        MapboxApiFailure.AccountFeatureMissing => $"The account lacks the {RasterArraysFlag} feature flag that rasterarray tilesets need; no token scope gives it: ask Mapbox (support or your account manager) to enable it, or publish a raster recipe instead.",
        MapboxApiFailure.ScopeMissing when failure.StatusCode == 404 => $"The token needs the {ScopeOf(operation)} scope (older service versions answer 404 for it).",
        MapboxApiFailure.ScopeMissing => $"The token needs the {ScopeOf(operation)} scope.",
        MapboxApiFailure.NotFound => "No such upload (unknown upload id, or not this account's).",
        MapboxApiFailure.RateLimited when failure.RateLimitWait is { } wait => FormattableString.Invariant($"Rate limited; the limit resets in {Math.Ceiling(wait.TotalSeconds)} s, more than the client waits for."),
        MapboxApiFailure.RateLimited => $"Rate limited; gave up after {failure.Attempts} attempt(s).",
        MapboxApiFailure.Unavailable => $"The service failed; gave up after {failure.Attempts} attempt(s).",
        _ when failure.StatusCode == 422 => "The service refused the request's values.",
        _ => "The service refused the request.",
    };
}
