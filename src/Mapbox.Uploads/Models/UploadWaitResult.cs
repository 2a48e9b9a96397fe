using System;

namespace Mapbox.Uploads;

/// <summary>How the wait for one upload of a batch ended (see <see cref="UploadsClient.WaitForCompletionAsync(System.Collections.Generic.IEnumerable{string}, System.TimeSpan, System.IProgress{Upload}?, System.Threading.CancellationToken)"/>).</summary>
public sealed class UploadWaitResult
{
    /// <summary>Creates a result.</summary>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="upload">The last status read, or null when none was.</param>
    /// <param name="timedOut">True when the upload was still processing at the timeout.</param>
    /// <param name="failure">The refusal of this upload's status request, or null.</param>
    public UploadWaitResult(string uploadId, Upload? upload, bool timedOut, MapboxApiException? failure)
    {
        UploadId = uploadId;
        Upload = upload;
        TimedOut = timedOut;
        Failure = failure;
    }

    /// <summary>The upload id.</summary>
    public string UploadId { get; }

    /// <summary>
    /// The final status (<see cref="Uploads.Upload.Succeeded"/> or <see cref="Uploads.Upload.Failed"/>); when
    /// <see cref="TimedOut"/>, the last status read, still processing; null when no status was read.
    /// </summary>
    public Upload? Upload { get; }

    /// <summary>True when the upload was still processing when the timeout passed; it continues on the service.</summary>
    public bool TimedOut { get; }

    /// <summary>Set when the service refused this upload's status (404: unknown id); the wait for it ended there.</summary>
    public MapboxApiException? Failure { get; }

    /// <summary>True when processing finished without an error.</summary>
    public bool Succeeded => Upload?.Succeeded == true && !TimedOut && Failure is null;

    /// <summary>A one-line summary for logs.</summary>
    /// <returns>The id and how the wait ended.</returns>
    public override string ToString() =>
        Failure is not null ? $"upload {UploadId}: {Failure.Message}"
        : TimedOut ? FormattableString.Invariant($"upload {UploadId}: still processing ({Upload?.Progress ?? 0:0%}) at the timeout")
        : Upload?.ToString() ?? $"upload {UploadId}";
}
