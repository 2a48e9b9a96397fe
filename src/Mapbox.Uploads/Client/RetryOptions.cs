using System;

namespace Mapbox.Uploads;

/// <summary>
/// How requests are retried: 429 waits for the service's reset time, 5xx and dropped connections back
/// off exponentially with jitter, other 4xx fail at once.
/// </summary>
public sealed class RetryOptions
{
    private int _maxAttempts = 5;
    private TimeSpan _initialDelay = TimeSpan.FromSeconds(1);
    private TimeSpan _maxDelay = TimeSpan.FromSeconds(30);
    private TimeSpan _maxRateLimitWait = TimeSpan.FromSeconds(60);

    /// <summary>Tries per request, the first included (default 5; 1 disables retries).</summary>
    public int MaxAttempts
    {
        get => _maxAttempts;
        set => _maxAttempts = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one attempt is needed.");
    }

    /// <summary>The first back-off delay (default 1 s); it doubles per attempt.</summary>
    public TimeSpan InitialDelay
    {
        get => _initialDelay;
        set => _initialDelay = NonNegative(value);
    }

    /// <summary>The longest back-off delay (default 30 s).</summary>
    public TimeSpan MaxDelay
    {
        get => _maxDelay;
        set => _maxDelay = NonNegative(value);
    }

    /// <summary>The longest wait for a rate-limit reset (default 60 s); a later reset fails at once.</summary>
    public TimeSpan MaxRateLimitWait
    {
        get => _maxRateLimitWait;
        set => _maxRateLimitWait = NonNegative(value);
    }

    /// <summary>A copy the client keeps, so that changing the options after construction changes nothing.</summary>
    internal RetryOptions Snapshot() => (RetryOptions)MemberwiseClone();

    private static TimeSpan NonNegative(TimeSpan value) =>
        value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A delay cannot be negative.");
}
