using System;
using System.Collections.Generic;
using System.Threading;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Build;

/// <summary>
/// The one table from what the client reports to the task's codes, with a detail fit for the build log. Free of
/// MSBuild types: the terminal tool compiles it in with <see cref="ErrorCodes"/> and <see cref="FileProblemCodes"/>. The client
/// decides what went wrong (<see cref="MapboxApiException.Failure"/>); this only names it for a build.
/// </summary>
internal static class FailureCodes
{
    private static readonly IReadOnlyDictionary<MapboxApiFailure, (ErrorCode Code, string What)> ByApiFailure =
        new Dictionary<MapboxApiFailure, (ErrorCode, string)>
        {
            [MapboxApiFailure.TokenRejected] = (ErrorCodes.TokenRejected, "rejected the token"),
            [MapboxApiFailure.ScopeMissing] = (ErrorCodes.TokenLacksScope, "refused the token's scopes"),
            [MapboxApiFailure.NotFound] = (ErrorCodes.ApiError, "found no such upload or tileset"),
            [MapboxApiFailure.TilesetBusy] = (ErrorCodes.ServiceUnavailable, "kept the tileset busy with another upload"),
            [MapboxApiFailure.RateLimited] = (ErrorCodes.ServiceUnavailable, "rate limited the account"),
            [MapboxApiFailure.Unavailable] = (ErrorCodes.ServiceUnavailable, "was unavailable"),
            [MapboxApiFailure.Refused] = (ErrorCodes.ApiError, "refused the request"),
            [MapboxApiFailure.InvalidAnswer] = (ErrorCodes.ApiError, "answered with something the client cannot use"),
            [MapboxApiFailure.AccountFeatureMissing] = (ErrorCodes.AccountFeatureMissing, "refused: the account lacks a feature flag"),
        };

    /// <summary>The documented refusals of incremental updates, each with its own code; they take precedence over <see cref="MapboxApiException.Failure"/>.</summary>
    private static readonly IReadOnlyDictionary<ChangesetRefusal, ErrorCode> ByChangesetRefusal =
        new Dictionary<ChangesetRefusal, ErrorCode>
        {
            [ChangesetRefusal.RecipeChanged] = ErrorCodes.ChangesetRecipeChanged,
            [ChangesetRefusal.NotIncremental] = ErrorCodes.NotIncremental,
            [ChangesetRefusal.LayerOrChangesetUnknown] = ErrorCodes.ChangesetRefused,
            [ChangesetRefusal.AllLayersEmpty] = ErrorCodes.ChangesetRefused,
            [ChangesetRefusal.IncrementalNotEnabled] = ErrorCodes.IncrementalNotEnabled,
        };

    /// <summary>The code and detail of an exception from the client or the checks.</summary>
    public static (ErrorCode Code, string Detail) Classify(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => (ErrorCodes.Cancelled, "the build was cancelled"),
        MapboxApiException { ChangesetRefusal: { } refusal } api => (ByChangesetRefusal[refusal], Describe(api)),
        MapboxApiException api => (ByApiFailure[api.Failure].Code, Describe(api)),
        FileChangedException => (ErrorCodes.FileChanged, "the file changed while it was being uploaded, so nothing was created from it"),
        StagingException staging => (ErrorCodes.StagingFailed, staging.Message),
        UploadFileValidationException invalid => (FileProblemCodes.Of(invalid.Problem.Kind), invalid.Problem.Message),
        _ => (ErrorCodes.Unexpected, $"{exception.GetType().Name}: {exception.Message}"),
    };

    private static string Describe(MapboxApiException api)
    {
        // The status stays in the line: it is what a support ticket or a status page is searched for.
        var status = api.StatusCode == 0 ? "no answer" : $"HTTP {api.StatusCode}";
        var scope = api.MissingScope is { } missing ? $"; the token lacks {missing}, which {api.Operation} needs" : string.Empty;
        return $"Mapbox {ByApiFailure[api.Failure].What} on {api.Operation} ({status}{scope}): {api.ServiceMessage ?? api.Message}";
    }
}
