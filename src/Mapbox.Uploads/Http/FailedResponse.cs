using System;

namespace Mapbox.Uploads.Http;

/// <summary>The last outcome of a request that did not succeed, handed to the caller to build its exception.</summary>
internal sealed class FailedResponse
{
    public FailedResponse(int statusCode, string? body, Exception? transportFailure, bool isRetryable, int attempts, TimeSpan? rateLimitWait)
    {
        StatusCode = statusCode;
        Body = body;
        TransportFailure = transportFailure;
        IsRetryable = isRetryable;
        Attempts = attempts;
        RateLimitWait = rateLimitWait;
    }

    /// <summary>0 when no response arrived.</summary>
    public int StatusCode { get; }

    public string? Body { get; }

    public Exception? TransportFailure { get; }

    public bool IsRetryable { get; }

    public int Attempts { get; }

    /// <summary>For a 429: how long the service asked us to wait.</summary>
    public TimeSpan? RateLimitWait { get; }
}
