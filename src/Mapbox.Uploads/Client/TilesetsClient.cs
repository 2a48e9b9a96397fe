using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Http;

namespace Mapbox.Uploads;

/// <summary>
/// A client for the Mapbox Tiling Service (MTS): tileset <c>sources</c>, <c>recipes</c>, <c>tilesets</c>,
/// <c>publish</c> and its <c>jobs</c>. It shares <see cref="UploadsClient"/>'s request pipeline (retries, redaction,
/// typed failures, cancellation) and paces each endpoint class within its own rate limit.
/// Thread-safe; the constructor does no I/O.
/// </summary>
public partial class TilesetsClient : IDisposable
{
    /// <summary>The largest page the list endpoints serve.</summary>
    public const int MaxPageSize = 500;

    private readonly MapboxAccessToken _token = null!;
    private readonly TilesetsUrls _urls = null!;
    private readonly HttpClient? _ownedHttpClient;
    private readonly Dictionary<TilesetsEndpointClass, HttpPipeline> _pipelines = null!;
    private readonly Clock _clock = null!;
    private readonly TimeSpan _pollInterval;
    private readonly TimeSpan _maxPollInterval;

    /// <summary>Creates a client for the token's account.</summary>
    /// <param name="token">The access token; needs <c>tilesets:write</c>, and <c>tilesets:read</c>, <c>tilesets:list</c> for reads and lists.</param>
    /// <param name="options">Settings; read once, here.</param>
    /// <exception cref="ArgumentException">The API address is <c>http://</c> to a host other than this machine.</exception>
    public TilesetsClient(MapboxAccessToken token, TilesetsClientOptions? options = null)
    {
        _token = token ?? throw new ArgumentNullException(nameof(token));
        options ??= new TilesetsClientOptions();
        _urls = new TilesetsUrls(new ApiUrls(options.ApiBaseUrl, token), token);
        var http = options.HttpClient ?? (_ownedHttpClient = UploadsClient.CreateOwnHttpClient());
        _clock = options.Clock ?? Clock.System;
        var unpaced = new HttpPipeline(http, options.Retry.Snapshot(), options.RequestLogged, _clock);
        _pipelines = TilesetsEndpoints.RequestsPerMinute.ToDictionary(
            budget => budget.Key,
            budget => options.PaceRequests ? unpaced.WithPacer(new RequestPacer(budget.Value, TimeSpan.FromMinutes(1), _clock, options.RateLimitWaiting)) : unpaced);
        _pollInterval = options.PollInterval;
        _maxPollInterval = options.MaxPollInterval < options.PollInterval ? options.PollInterval : options.MaxPollInterval;
    }

    /// <summary>For mocking frameworks only.</summary>
    protected TilesetsClient()
    {
    }

    /// <summary>The account every call acts on (the token's username).</summary>
    public virtual string Username => _token.Username;

    /// <summary>Releases the HttpClient the client made itself; a caller's HttpClient is left alone.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases resources.</summary>
    /// <param name="disposing">True from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _ownedHttpClient?.Dispose();
        }
    }

    private Task<T> SendAsync<T>(
        string operation,
        Func<HttpRequestMessage> createRequest,
        Func<HttpResponseMessage, CancellationToken, Task<T>> readSuccess,
        CancellationToken cancellationToken) =>
        _pipelines[TilesetsEndpoints.ClassOf(operation)].SendAsync(
            operation,
            createRequest,
            readSuccess,
            failure => TilesetsErrors.From(operation, failure),
            cancellationToken);

    private Task<T> SendForJsonAsync<T>(string operation, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken) =>
        SendAsync(operation, createRequest, (response, ct) => ApiJson.ReadAsync<T>(operation, response, ct), cancellationToken);

    private Task SendForNothingAsync(string operation, Func<HttpRequestMessage> createRequest, CancellationToken cancellationToken) =>
        SendAsync(operation, createRequest, (_, _) => Task.FromResult(true), cancellationToken);

    private static void Require(string value, string parameterName, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"{what} is required.", parameterName);
        }
    }
}
