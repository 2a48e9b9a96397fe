using System;
using System.Globalization;
using System.Linq;
using System.Net.Http.Headers;

namespace Mapbox.Uploads.Http;

/// <summary>How long to wait before the next attempt.</summary>
internal static class RetryDelays
{
    private static readonly object RandomLock = new();
    private static readonly Random Random = new();
    private static readonly double LatestUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>Exponential back-off with jitter (50% to 100% of the capped delay), so parallel parts do not retry in lockstep.</summary>
    public static TimeSpan Backoff(RetryOptions retry, int failedAttempt)
    {
        var exponent = Math.Min(failedAttempt - 1, 30);
        var capped = Math.Min(retry.InitialDelay.TotalMilliseconds * Math.Pow(2, exponent), retry.MaxDelay.TotalMilliseconds);
        double jitter;
        lock (RandomLock)
        {
            jitter = 0.5 + (Random.NextDouble() * 0.5);
        }

        return TimeSpan.FromMilliseconds(capped * jitter);
    }

    /// <summary>
    /// The wait a 429 asks for: <c>X-Rate-Limit-Reset</c> (Unix seconds), else <c>Retry-After</c>; null when neither is
    /// usable. A reset further away than the window the service names (<c>X-Rate-Limit-Interval</c>) can only mean that
    /// this machine's clock and the service's disagree, so the wait is one window, never the skew.
    /// </summary>
    public static TimeSpan? RateLimitWait(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var wait = ResetWait(headers, now);
        return wait > Window(headers) ? Window(headers) : wait;
    }

    private static TimeSpan? Window(HttpResponseHeaders headers) =>
        headers.TryGetValues("X-Rate-Limit-Interval", out var values)
        && int.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    private static TimeSpan? ResetWait(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.TryGetValues("X-Rate-Limit-Reset", out var values) &&
            double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var resetUnixSeconds) &&
            !double.IsNaN(resetUnixSeconds))
        {
            // A reset in milliseconds, or any value past year 9999, would overflow DateTimeOffset: it is simply a long wait.
            var resetMilliseconds = resetUnixSeconds * 1000;
            if (resetMilliseconds >= LatestUnixMilliseconds)
            {
                return DateTimeOffset.MaxValue - now;
            }

            var reset = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Max(resetMilliseconds, 0));
            return NonNegative(reset - now);
        }

        var retryAfter = headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return NonNegative(delta);
        }

        if (retryAfter?.Date is { } date)
        {
            return NonNegative(date - now);
        }

        return null;
    }

    private static TimeSpan NonNegative(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
}
