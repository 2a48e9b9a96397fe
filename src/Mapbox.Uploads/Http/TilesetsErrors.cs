using System;

namespace Mapbox.Uploads.Http;

/// <summary>Turns a failed Tiling Service call into a <see cref="MapboxApiException"/> that says what to do.</summary>
internal static class TilesetsErrors
{
    public const string LockedMessage = "Resource is locked";

    public static MapboxApiException From(string operation, FailedResponse failure)
    {
        if (failure.StatusCode == 0)
        {
            return ApiErrors.NoResponse("Mapbox Tiling Service", operation, failure);
        }

        var serviceMessage = ApiErrors.ServiceMessage(failure.Body);
        var message = $"Mapbox Tiling Service {operation} failed: HTTP {failure.StatusCode}"
            + (serviceMessage is null ? string.Empty : $" \"{serviceMessage}\"")
            + $". {Advice(operation, failure, serviceMessage)}";
        return new MapboxApiException(operation, failure.StatusCode, serviceMessage, failure.IsRetryable || failure.StatusCode == 409, message);
    }

    private static string Advice(string operation, FailedResponse failure, string? serviceMessage) =>
        ChangesetRefusals.Classify(operation, failure.StatusCode, serviceMessage) is { } refusal ? ChangesetRefusals.Advice(refusal) : Advice(operation, failure);

    private static string Advice(string operation, FailedResponse failure) => failure.StatusCode switch
    {
        401 => "The access token is missing, invalid or revoked.",
        403 => $"The token needs the {TilesetsEndpoints.ScopeOf(operation)} scope.",
        404 => "No such tileset, source, changeset or job (unknown id, or not this account's).",
        409 => "A running job is using this source; try again once it has finished.",
        422 => "The service refused the request's values (a limit or a start cursor).",
        429 when failure.RateLimitWait is { } wait => FormattableString.Invariant($"Rate limited; the limit resets in {Math.Ceiling(wait.TotalSeconds)} s, more than the client waits for."),
        429 => $"Rate limited; gave up after {failure.Attempts} attempt(s).",
        >= 500 => $"The service failed; gave up after {failure.Attempts} attempt(s).",
        _ => "The service refused the request.",
    };
}
