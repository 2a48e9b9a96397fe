using System;
using Mapbox.Uploads.Http;

namespace Mapbox.Uploads;

/// <summary>
/// Writing the file to the staging bucket failed. Carries S3's status and error code (from the
/// <c>&lt;Error&gt;&lt;Code&gt;</c> XML); never the secret key or the session token.
/// </summary>
public class StagingException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="statusCode">The HTTP status, or 0 when no response arrived.</param>
    /// <param name="s3ErrorCode">S3's error code, e.g. <c>SignatureDoesNotMatch</c>, if any.</param>
    /// <param name="isRetryable">True when another attempt (with fresh credentials) may succeed.</param>
    /// <param name="message">The exception message; redacted before use.</param>
    /// <param name="innerException">The transport failure, if any.</param>
    public StagingException(int statusCode, string? s3ErrorCode, bool isRetryable, string message, Exception? innerException = null)
        : base(Redaction.Text(message), innerException)
    {
        StatusCode = statusCode;
        S3ErrorCode = s3ErrorCode;
        IsRetryable = isRetryable;
    }

    /// <summary>The HTTP status, or 0 when no response arrived.</summary>
    public int StatusCode { get; }

    /// <summary>S3's error code, e.g. <c>SignatureDoesNotMatch</c>, <c>InvalidToken</c>, <c>InvalidAccessKeyId</c>, <c>ExpiredToken</c>.</summary>
    public string? S3ErrorCode { get; }

    /// <summary>True when another attempt (with fresh credentials) may succeed.</summary>
    public bool IsRetryable { get; }

    /// <summary>The redacted exception, inner exceptions included.</summary>
    /// <returns>The exception text with secrets masked.</returns>
    public override string ToString() => Redaction.Text(base.ToString());
}
