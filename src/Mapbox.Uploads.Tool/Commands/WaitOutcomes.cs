using System.Threading;
using Mapbox.Uploads.Build;

namespace Mapbox.Uploads.Tool.Commands;

/// <summary>The task's code for an upload whose wait did not end in success.</summary>
internal static class WaitOutcomes
{
    /// <returns>The code and detail, or null when the upload succeeded.</returns>
    public static (ErrorCode Code, string Detail)? Problem(UploadWaitResult result, CancellationToken cancellationToken) =>
        result.Failure is { } failure ? FailureCodes.Classify(failure, cancellationToken)
        : result.TimedOut ? (ErrorCodes.Timeout, $"{result}; it continues on Mapbox ('dotnet mapbox wait {result.UploadId}').")
        : result.Upload is { Failed: true } failed ? (ErrorCodes.ProcessingFailed, $"{failed.Tileset}, upload {failed.Id}: {failed.Error}")
        : null;
}
