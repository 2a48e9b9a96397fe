using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Http;
using Mapbox.Uploads.Staging;

namespace Mapbox.Uploads;

/// <summary>
/// A client for the Mapbox Uploads API: <c>stage</c> a file to the service's S3 bucket, <c>create</c> an upload
/// from it, poll its <c>status</c>, <c>list</c> and <c>delete</c> uploads, or do it all with <see cref="UploadAsync"/>.
/// Thread-safe; the constructor does no I/O.
/// </summary>
public partial class UploadsClient : IDisposable
{
    private static readonly TimeSpan OwnHttpClientTimeout = TimeSpan.FromMinutes(10);

    private readonly MapboxAccessToken _token = null!;
    private readonly ApiUrls _urls = null!;
    private readonly HttpClient? _ownedHttpClient;
    private readonly HttpPipeline _pipeline = null!;
    private readonly S3Stager _stager = null!;
    private readonly TimeSpan _pollInterval;
    private readonly TimeSpan _maxPollInterval;
    private readonly PatientRetry _whileTilesetBusy = null!;
    private readonly Clock _clock = null!;

    /// <summary>Creates a client for the token's account.</summary>
    /// <param name="token">The access token; needs <c>uploads:write</c> (and <c>uploads:read</c>, <c>uploads:list</c> for status and list).</param>
    /// <param name="options">Settings; read once, here.</param>
    /// <exception cref="ArgumentException">The API address is <c>http://</c> to a host other than this machine.</exception>
    public UploadsClient(MapboxAccessToken token, UploadsClientOptions? options = null)
    {
        _token = token ?? throw new ArgumentNullException(nameof(token));
        options ??= new UploadsClientOptions();
        _urls = new ApiUrls(options.ApiBaseUrl, token);
        if (options.StagingEndpoint is { } endpoint && !TransportSecurity.IsAllowed(endpoint))
        {
            throw new ArgumentException(TransportSecurity.Refusal(endpoint, "the staging endpoint"), nameof(options));
        }

        var http = options.HttpClient ?? (_ownedHttpClient = CreateOwnHttpClient());
        var retry = options.Retry.Snapshot();
        _clock = options.Clock ?? Clock.System;
        var pacer = options.MaxRequestsPerMinute == 0 ? null : new RequestPacer(options.MaxRequestsPerMinute, TimeSpan.FromMinutes(1), _clock, options.RateLimitWaiting);
        _pipeline = new HttpPipeline(http, retry, options.RequestLogged, _clock, pacer);
        var stagingPipeline = new HttpPipeline(http, retry, options.RequestLogged, _clock);
        _stager = new S3Stager(stagingPipeline, new StagingSettings(options.MultipartThreshold, options.PartSize, options.MaxConcurrentParts, options.StagingEndpoint));
        _pollInterval = options.PollInterval;
        _maxPollInterval = options.MaxPollInterval < options.PollInterval ? options.PollInterval : options.MaxPollInterval;
        _whileTilesetBusy = new PatientRetry(failure => failure is MapboxApiException { IsTilesetBusy: true }, _pollInterval, NextPollInterval, options.BusyRetryTimeout);
    }

    /// <summary>For mocking frameworks only.</summary>
    protected UploadsClient()
    {
    }

    /// <summary>The account every call acts on (the token's username).</summary>
    public virtual string Username => _token.Username;

    /// <summary>Asks for temporary S3 credentials and a fresh staging key (POST with an empty body).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The credentials.</returns>
    /// <exception cref="MapboxApiException">The service refused or failed.</exception>
    public virtual Task<StagingCredentials> RequestCredentialsAsync(CancellationToken cancellationToken = default) =>
        _pipeline.SendAsync(
            UploadsOperations.Credentials,
            () => new HttpRequestMessage(HttpMethod.Post, _urls.Credentials()) { Content = new ByteArrayContent(Array.Empty<byte>()) },
            async (response, ct) => (await ApiJson.ReadAsync<ApiJson.CredentialsBody>(UploadsOperations.Credentials, response, ct).ConfigureAwait(false)).ToCredentials(),
            failure => ApiErrors.From(UploadsOperations.Credentials, failure),
            cancellationToken);

    /// <summary>Creates an upload from a staged file; processing then runs on the service (see <see cref="WaitForCompletionAsync(string, TimeSpan, IProgress{Upload}?, CancellationToken)"/>).</summary>
    /// <param name="request">The tileset and the staged url.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new upload's status.</returns>
    /// <exception cref="MapboxApiException">The service refused; <see cref="MapboxApiException.IsTilesetBusy"/> tells a busy tileset apart.</exception>
    public virtual Task<Upload> CreateAsync(UploadRequest request, CancellationToken cancellationToken = default)
    {
        if (request is null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        if (TilesetId.CheckName(request.Name) is { } nameProblem)
        {
            throw new ArgumentException(nameProblem, nameof(request));
        }

        return SendCreateAsync(request, null, cancellationToken);
    }

    /// <summary>Reads an upload's status.</summary>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The status.</returns>
    /// <exception cref="MapboxApiException">The service refused (404: unknown id) or failed.</exception>
    public virtual Task<Upload> GetStatusAsync(string uploadId, CancellationToken cancellationToken = default)
    {
        RequireUploadId(uploadId);
        return _pipeline.SendAsync(
            UploadsOperations.Status,
            () => new HttpRequestMessage(HttpMethod.Get, _urls.Upload(uploadId)),
            (response, ct) => ApiJson.ReadAsync<Upload>(UploadsOperations.Status, response, ct),
            failure => ApiErrors.From(UploadsOperations.Status, failure),
            cancellationToken);
    }

    /// <summary>Deletes an upload's status record (never the tileset). The service refuses while the upload is incomplete.</summary>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes on 204.</returns>
    /// <exception cref="MapboxApiException">The service refused or failed.</exception>
    public virtual Task DeleteAsync(string uploadId, CancellationToken cancellationToken = default)
    {
        RequireUploadId(uploadId);
        return _pipeline.SendAsync(
            UploadsOperations.Delete,
            () => new HttpRequestMessage(HttpMethod.Delete, _urls.Upload(uploadId)),
            (_, _) => Task.FromResult(true),
            failure => ApiErrors.From(UploadsOperations.Delete, failure),
            cancellationToken);
    }

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

    private static void RequireUploadId(string uploadId)
    {
        if (string.IsNullOrWhiteSpace(uploadId))
        {
            throw new ArgumentException("An upload id is required.", nameof(uploadId));
        }
    }

    internal static HttpClient CreateOwnHttpClient()
    {
#if NET
        // Pooled connections are recycled so DNS changes of api.mapbox.com and S3 are seen by long builds.
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
#else
        // .NET Framework allows 2 connections per host by default: parts in flight and polls would queue behind each other.
        var handler = new HttpClientHandler { MaxConnectionsPerServer = 32 };
#endif
        return new HttpClient(handler) { Timeout = OwnHttpClientTimeout };
    }
}
