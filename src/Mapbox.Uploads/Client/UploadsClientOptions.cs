using System;
using System.Net.Http;

namespace Mapbox.Uploads;

/// <summary>Settings of an <see cref="UploadsClient"/>. Read once, when the client is created.</summary>
public sealed class UploadsClientOptions
{
    /// <summary>The service's address.</summary>
    public const string DefaultApiBaseUrl = "https://api.mapbox.com";

    /// <summary>S3's smallest part (except the last).</summary>
    public const long MinPartSize = 5L * 1024 * 1024;

    /// <summary>S3's largest part and largest single PUT.</summary>
    public const long MaxPartSize = 5L * 1024 * 1024 * 1024;

    private Uri _apiBaseUrl = new(DefaultApiBaseUrl);
    private long _multipartThreshold = 16L * 1024 * 1024;
    private long? _partSize;
    private int _maxConcurrentParts = 4;
    private TimeSpan _pollInterval = TimeSpan.FromSeconds(1);
    private TimeSpan _maxPollInterval = TimeSpan.FromSeconds(5);
    private TimeSpan _busyRetryTimeout = TimeSpan.FromMinutes(10);
    private int _maxRequestsPerMinute = DefaultMaxRequestsPerMinute;

    /// <summary>The Uploads API's documented default rate limit per account.</summary>
    public const int DefaultMaxRequestsPerMinute = 60;

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

    private RetryOptions _retry = new();

    /// <summary>Retry policy for every request, API and S3 alike.</summary>
    public RetryOptions Retry
    {
        get => _retry;
        set => _retry = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>
    /// Files of at least this size are staged with a multipart upload (default 16 MiB); smaller ones with one PUT. A single
    /// PUT is sent from one buffer holding the whole file, so files above 64 MiB go multipart whatever this says.
    /// </summary>
    public long MultipartThreshold
    {
        get => _multipartThreshold;
        set => _multipartThreshold = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The threshold cannot be negative.");
    }

    /// <summary>
    /// Multipart part size, 5 MiB to 5 GiB, rounded up to a whole MiB when staged; null lets the planner choose (8 MiB,
    /// more when 10,000 parts would not do).
    /// </summary>
    public long? PartSize
    {
        get => _partSize;
        set => _partSize = value is null or (>= MinPartSize and <= MaxPartSize)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, "S3 parts are 5 MiB to 5 GiB.");
    }

    /// <summary>Parts in flight at once (default 4).</summary>
    public int MaxConcurrentParts
    {
        get => _maxConcurrentParts;
        set => _maxConcurrentParts = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "At least one part must be in flight.");
    }

    /// <summary>
    /// Where to stage instead of the credentials' <c>url</c>: objects go to <c>{StagingEndpoint}/{bucket}/{key}</c>
    /// (path style). Null derives the address from the credentials.
    /// </summary>
    public Uri? StagingEndpoint { get; set; }

    /// <summary>The first wait between status polls (default 1 s); it grows to <see cref="MaxPollInterval"/>.</summary>
    public TimeSpan PollInterval
    {
        get => _pollInterval;
        set => _pollInterval = Positive(value);
    }

    /// <summary>The longest wait between status polls (default 5 s).</summary>
    public TimeSpan MaxPollInterval
    {
        get => _maxPollInterval;
        set => _maxPollInterval = Positive(value);
    }

    /// <summary>How long <see cref="UploadsClient.UploadAsync"/> keeps retrying create while the tileset is busy (default 10 min).</summary>
    public TimeSpan BusyRetryTimeout
    {
        get => _busyRetryTimeout;
        set => _busyRetryTimeout = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The timeout cannot be negative.");
    }

    /// <summary>
    /// The most API requests (S3 staging not included) this client sends in any minute (default 60, the service's
    /// documented default); 0 turns pacing off. Requests beyond it wait their turn instead of drawing a 429. Once a
    /// response carries <c>X-Rate-Limit-Limit</c> and <c>X-Rate-Limit-Interval</c>, the client paces to those instead,
    /// as they are the account's real budget. The budget is per client: clients sharing a token share the account's
    /// limit, and 429 handling (<see cref="RetryOptions.MaxRateLimitWait"/>) remains the backstop for that.
    /// </summary>
    public int MaxRequestsPerMinute
    {
        get => _maxRequestsPerMinute;
        set => _maxRequestsPerMinute = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The budget cannot be negative (0 turns pacing off).");
    }

    /// <summary>Called after every HTTP attempt with a redacted url; runs on the request's thread, keep it quick.</summary>
    public Action<RequestLogEntry>? RequestLogged { get; set; }

    /// <summary>
    /// Called when the client holds an API request back to stay within <see cref="MaxRequestsPerMinute"/> (or the
    /// service's announced budget), or waits for the reset a 429 names, before the wait, with its length: a build can
    /// say why it is quiet. Runs on the request's thread, keep it quick.
    /// </summary>
    public Action<RateLimitWait>? RateLimitWaiting { get; set; }

    /// <summary>Replaces the clock every wait, deadline, pacing turn, signature and rate-limit reset is read from; for tests.</summary>
    internal Http.Clock? Clock { get; set; }

    private static TimeSpan Positive(TimeSpan value) =>
        value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The interval must be positive.");
}
