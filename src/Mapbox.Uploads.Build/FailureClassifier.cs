using System;
using System.Net.Http;
using System.Threading;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Build;

/// <summary>Maps what the client throws to the task's codes, with a message fit for the build log.</summary>
internal static class FailureClassifier
{
    public static (ErrorCode Code, string Detail) Classify(Exception exception, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return (ErrorCodes.Cancelled, "the build was cancelled");
            case MapboxApiException api:
                return (CodeOf(api), Describe(api));
            case StagingException staging:
                var s3 = staging.S3ErrorCode is null ? string.Empty : $" ({staging.S3ErrorCode})";
                var status = staging.StatusCode == 0 ? "no response" : $"status {staging.StatusCode}";
                return (ErrorCodes.StagingFailed, $"staging to S3 failed with {status}{s3}: {staging.Message}");
            case UploadFileValidationException invalid:
                return (FileProblemCodes.Of(invalid.Problem.Kind), invalid.Problem.Message);
            case TimeoutException timeout:
                return (ErrorCodes.Timeout, timeout.Message);
            case HttpRequestException network:
                return (ErrorCodes.ServiceUnavailable, $"the network failed through every retry: {network.Message}");
            case OperationCanceledException:
                return (ErrorCodes.ServiceUnavailable, "a request timed out through every retry");
            default:
                return (ErrorCodes.Unexpected, $"{exception.GetType().Name}: {exception.Message}");
        }
    }

    private static ErrorCode CodeOf(MapboxApiException api) => api.StatusCode switch
    {
        401 => ErrorCodes.TokenRejected,
        403 => ErrorCodes.TokenLacksScope,
        404 when api.Operation == UploadsOperations.Credentials => ErrorCodes.TokenLacksScope,
        _ when api.IsRetryable || api.StatusCode == 0 || api.StatusCode == 429 || api.StatusCode >= 500 => ErrorCodes.ServiceUnavailable,
        _ => ErrorCodes.ApiError,
    };

    private static string Describe(MapboxApiException api)
    {
        var answer = api.StatusCode == 0 ? "gave no response" : $"answered {api.StatusCode}";
        var scope = api.StatusCode is 403 or 404 && api.Operation == UploadsOperations.Credentials || api.StatusCode == 403
            ? " (token needs uploads:write)"
            : string.Empty;
        return $"Mapbox {answer} to {api.Operation}{scope}: {api.ServiceMessage ?? api.Message}";
    }
}
