using System;
using System.Net.Http;

namespace Mapbox.Uploads;

/// <summary>Settings of a <see cref="TilesetsClient"/>. Read once, when the client is created.</summary>
public sealed class TilesetsClientOptions
{
    private Uri _apiBaseUrl = new(UploadsClientOptions.DefaultApiBaseUrl);
    private RetryOptions _retry = new();
    private TimeSpan _pollInterval = TimeSpan.FromSeconds(2);
    private TimeSpan _maxPollInterval = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The API's address (default <c>https://api.mapbox.com</c>). <c>http://</c> is refused unless the host
    /// is loopback, because the token travels in the query string.
    /// </summary>
    public Uri ApiBaseUrl
    {
        get => _apiBaseUrl;
        set => _apiBaseUrl = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The HttpClient to use; the caller keeps ownership. Null: the client makes and disposes its own.</summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>Retry policy for every request.</summary>
    public RetryOptions Retry
    {
        get => _retry;
        set => _retry = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>The first wait between job reads (default 2 s); it grows to <see cref="MaxPollInterval"/>.</summary>
    public TimeSpan PollInterval
    {
        get => _pollInterval;
        set => _pollInterval = Positive(value);
    }

    /// <summary>The longest wait between job reads (default 15 s).</summary>
    public TimeSpan MaxPollInterval
    {
        get => _maxPollInterval;
        set => _maxPollInterval = Positive(value);
    }

    /// <summary>
    /// Keeps each endpoint class within its documented budget per minute (publish 2, source writes 100, recipe
    /// validate/update 100, tileset create/update/delete 100, reads 3,000), so that publishing many tilesets waits
    /// its turn instead of drawing 429s (default true). A response's <c>X-Rate-Limit-Limit</c> and
    /// <c>X-Rate-Limit-Interval</c> replace its class's budget. The budget is per client; 429 handling stays the backstop.
    /// </summary>
    public bool PaceRequests { get; set; } = true;

    /// <summary>Called after every HTTP attempt with a redacted url; runs on the request's thread, keep it quick.</summary>
    public Action<RequestLogEntry>? RequestLogged { get; set; }

    /// <summary>
    /// Called before the client waits for a rate limit, with the wait's length and the budget: a turn within a class's
    /// budget (<see cref="PaceRequests"/>), or the reset a 429 names (publishes are 2 a minute, so a second build within
    /// the minute waits). A build can say why it is quiet. Runs on the request's thread, keep it quick.
    /// </summary>
    public Action<RateLimitWait>? RateLimitWaiting { get; set; }

    /// <summary>Replaces the clock every wait, deadline, pacing turn and rate-limit reset is read from; for tests.</summary>
    internal Http.Clock? Clock { get; set; }

    private static TimeSpan Positive(TimeSpan value) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The interval must be positive.");
}
