using System;
using System.Globalization;

namespace Mapbox.Uploads;

/// <summary>
/// A request the client holds back to stay within the account's rate limit, for
/// <see cref="UploadsClientOptions.RateLimitWaiting"/>: how long it waits and the budget that makes it wait.
/// </summary>
public sealed class RateLimitWait
{
    /// <summary>Creates a notice.</summary>
    /// <param name="delay">How long the request waits before it is sent.</param>
    /// <param name="limit">The requests the budget allows per <paramref name="interval"/>.</param>
    /// <param name="interval">The budget's window.</param>
    public RateLimitWait(TimeSpan delay, int limit, TimeSpan interval)
    {
        Delay = delay;
        Limit = limit;
        Interval = interval;
    }

    /// <summary>How long the request waits before it is sent.</summary>
    public TimeSpan Delay { get; }

    /// <summary>The requests the budget allows per <see cref="Interval"/>: the configured one, or the service's once it announced one.</summary>
    public int Limit { get; }

    /// <summary>The budget's window (a minute unless the service announced another).</summary>
    public TimeSpan Interval { get; }

    /// <summary>The notice in words, e.g. <c>waiting 12 s for the rate limit (60 requests a minute)</c>.</summary>
    public override string ToString()
    {
        var window = Interval == TimeSpan.FromMinutes(1) ? "a minute" : "per " + Seconds(Interval) + " s";
        return "waiting " + Seconds(Delay) + " s for the rate limit (" + Limit.ToString(CultureInfo.InvariantCulture) + " requests " + window + ")";
    }

    private static string Seconds(TimeSpan span) => Math.Ceiling(span.TotalSeconds).ToString(CultureInfo.InvariantCulture);
}
