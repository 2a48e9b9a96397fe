using System;
using System.Globalization;

namespace Mapbox.Uploads;

/// <summary>One HTTP attempt, for <see cref="UploadsClientOptions.RequestLogged"/>. The url is already redacted.</summary>
public sealed class RequestLogEntry
{
    /// <summary>Creates an entry.</summary>
    /// <param name="operation">The client operation, e.g. <c>create</c> or <c>stage part 3</c>.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="redactedUrl">The url with <c>access_token=***</c>.</param>
    /// <param name="statusCode">The response status, or null when no response arrived.</param>
    /// <param name="duration">Time until the response headers (or the failure).</param>
    /// <param name="attempt">1 for the first try, then 2, 3, ...</param>
    /// <param name="error">What went wrong without a response, redacted; else null.</param>
    public RequestLogEntry(string operation, string method, string redactedUrl, int? statusCode, TimeSpan duration, int attempt, string? error)
    {
        Operation = operation;
        Method = method;
        RedactedUrl = redactedUrl;
        StatusCode = statusCode;
        Duration = duration;
        Attempt = attempt;
        Error = error;
    }

    /// <summary>The client operation, e.g. <c>create</c> or <c>stage part 3</c>.</summary>
    public string Operation { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The url with <c>access_token=***</c>.</summary>
    public string RedactedUrl { get; }

    /// <summary>The response status, or null when no response arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>Time until the response headers (or the failure).</summary>
    public TimeSpan Duration { get; }

    /// <summary>1 for the first try, then 2, 3, ...</summary>
    public int Attempt { get; }

    /// <summary>What went wrong without a response, redacted; else null.</summary>
    public string? Error { get; }

    /// <summary>A log line.</summary>
    /// <returns>Method, url, outcome, duration and attempt.</returns>
    public override string ToString() =>
        FormattableString.Invariant($"{Method} {RedactedUrl} -> {(StatusCode?.ToString(CultureInfo.InvariantCulture) ?? Error ?? "no response")} in {Duration.TotalMilliseconds:F0} ms (attempt {Attempt}, {Operation})");
}
