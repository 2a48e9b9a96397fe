using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// A stand-in for the Mapbox Uploads service and its S3 staging bucket, on 127.0.0.1, failures included.
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorState _state;

    private EmulatorServer(WebApplication _app, EmulatorState _state, Uri baseUrl)
    {
        this._app = _app;
        this._state = _state;
        BaseUrl = baseUrl;
    }

    /// <summary>The root of both the API and the S3 bucket, e.g. <c>http://127.0.0.1:5799/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The bucket that credentials name.</summary>
    public string Bucket => _state.Staging.Bucket;

    /// <summary>The fault rules, per route, S3 included.</summary>
    public FaultRules Faults => _state.Faults;

    /// <summary>The rules that decide which uploads fail processing, and with which error.</summary>
    public ProcessingRules Processing => _state.Processing;

    /// <summary>The rules that decide which Tiling Service jobs fail or warn, and with which text.</summary>
    public TilesetProcessingRules TilesetProcessing => _state.TilesetProcessing;

    /// <summary>
    /// Copies of the files a tileset source holds, as received (a raster file byte for byte); null when there is no
    /// such source. For test-sized files: a file over 2 GiB does not fit an array, read it with <see cref="OpenSourceFile"/>.
    /// </summary>
    /// <param name="username">The source's account.</param>
    /// <param name="sourceId">The source's id.</param>
    /// <returns>The files in the order they were added.</returns>
    public IReadOnlyList<byte[]>? SourceFiles(string username, string sourceId) =>
        _state.Tilesets.FindSource(username, sourceId)?.Files.Select(file => file.ToArray()).ToList();

    /// <summary>Opens one file of a tileset source for reading, however large; null when there is no such source or file.</summary>
    /// <param name="username">The source's account.</param>
    /// <param name="sourceId">The source's id.</param>
    /// <param name="index">The file's place in the order the files were added, from 0.</param>
    /// <returns>A read-only stream the caller disposes; it reads the file as it was when opened only while the source keeps it.</returns>
    public Stream? OpenSourceFile(string username, string sourceId, int index = 0) =>
        _state.Tilesets.FindSource(username, sourceId)?.Files is { } files && index >= 0 && index < files.Count ? files[index].OpenRead() : null;

    /// <summary>Every request answered or dropped so far, oldest first (a snapshot).</summary>
    public IReadOnlyList<RecordedRequest> Requests => _state.Requests.Snapshot();

    /// <summary>
    /// Every set of temporary S3 credentials handed out so far, secrets included: tests search
    /// logs and files for them to prove the client never leaks one.
    /// </summary>
    public IReadOnlyList<IssuedStagingCredentials> IssuedCredentials => _state.Staging.IssuedCredentials();

    /// <summary>The ids of multipart uploads neither completed nor aborted.</summary>
    public IReadOnlyCollection<string> OpenMultipartUploads => _state.Staging.OpenMultipartUploadIds();

    /// <summary>
    /// How many of <see cref="OpenMultipartUploads"/> belong to credentials that have expired: S3 refuses their abort
    /// with <c>ExpiredToken</c>, so only the bucket's lifecycle rule removes them.
    /// </summary>
    public int OpenMultipartUploadsOfExpiredCredentials => _state.Staging.OpenMultipartUploadsOfExpiredCredentials();

    /// <summary>Starts an emulator on a loopback port.</summary>
    /// <param name="options">How it behaves; the defaults mirror the real service.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        options.Validate();
        var _state = new EmulatorState(options);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        // Below Warning, ASP.NET Core prints every request line with its query ("Request starting POST
        // ...?access_token=...") and Kestrel echoes malformed request lines; configuration (Logging__LogLevel__Default,
        // appsettings.json) may raise the level but never lower it below Warning.
        builder.Services.PostConfigure<LoggerFilterOptions>(filters =>
        {
            filters.MinLevel = LogLevel.Warning;
            var verbose = filters.Rules.Where(rule => rule.LogLevel is null or < LogLevel.Warning).ToList();
            verbose.ForEach(rule => filters.Rules.Remove(rule));
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, options.Port);
            // Multi-GB bodies are real: S3 multipart staging, and tileset source files of up to 20 GB (kept on disk past
            // StoredFile.SpillThreshold). The S3 stand-in holds its bodies in memory, so its tests keep them small.
            kestrel.Limits.MaxRequestBodySize = null;
        });

        var _app = builder.Build();
        _app.UseRouting();
        _app.Use((context, next) => _state.Requests.RecordAsync(context, next));
        _app.Use((context, next) => FaultInjection.ApplyAsync(context, next, _state.Faults, options));
        _app.Use((context, next) => _state.RateLimiter.ApplyAsync(context, next));
        _app.Use((context, next) => _state.TilesetsRateLimiter.ApplyAsync(context, next));
        _app.MapUploadsApi(_state);
        _app.MapTilesetsApi(_state);
        _app.MapEmulatorViews(_state);
        _app.MapStagingBucket(_state.Staging, options.MinimumPartSize);

        await _app.StartAsync(cancellationToken);
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new EmulatorServer(_app, _state, new Uri(address.TrimEnd('/') + "/"));
    }

    /// <summary>Mints a token the emulator accepts.</summary>
    /// <param name="username">The account, carried in the token's payload as <c>u</c>.</param>
    /// <param name="scopes">Its scopes, e.g. <see cref="TilesetScopes"/>; all three <c>uploads:*</c> scopes when none are given. Only public scopes make a <c>pk.</c> token.</param>
    public string MintToken(string username = "emulator", params string[] scopes) => _state.Tokens.Mint(username, scopes);

    /// <summary>The three Tiling Service scopes: <c>tilesets:write</c>, <c>tilesets:read</c>, <c>tilesets:list</c>.</summary>
    public static IReadOnlyList<string> TilesetScopes { get; } = ["tilesets:write", "tilesets:read", "tilesets:list"];

    /// <summary>Revokes a token: from now on it gets 401 like an unknown one.</summary>
    public void RevokeToken(string token) => _state.Tokens.Revoke(token);

    /// <summary>Forgets the requests recorded so far.</summary>
    public void ClearRequests() => _state.Requests.Clear();

    /// <summary>Copies out an object staged in the emulated S3.</summary>
    /// <param name="bucket">The bucket, as the credentials named it.</param>
    /// <param name="key">The key, as the credentials named it.</param>
    /// <param name="content">The object's bytes, when it exists.</param>
    public bool TryGetStagedObject(string bucket, string key, [NotNullWhen(true)] out byte[]? content)
    {
        content = _state.Staging.FindObject(bucket, key)?.Content.ToArray();
        return content is not null;
    }

    /// <summary>Copies out the files of a tileset source as the emulator holds them, in the order they were sent.</summary>
    /// <param name="username">The source's account.</param>
    /// <param name="id">The source's id.</param>
    /// <param name="files">Each file's bytes, when the source exists.</param>
    public bool TryGetTilesetSource(string username, string id, [NotNullWhen(true)] out IReadOnlyList<byte[]>? files)
    {
        files = SourceFiles(username, id);
        return files is not null;
    }

    /// <summary>
    /// What a Tiling Service tileset's tiles would hold after its last successful job: per recipe layer, each
    /// feature's line as stored (a publish takes the source's features, a changeset job adds, replaces and deletes by
    /// id), in order. The same view is served at <c>GET /_emulator/tilesets/{tileset}/features</c>.
    /// </summary>
    /// <param name="tileset">The tileset, <c>owner.id</c>.</param>
    /// <returns>Layer name to feature JSON lines; null when there is no such tileset.</returns>
    public IReadOnlyDictionary<string, IReadOnlyList<string>>? TilesetFeatures(string tileset) =>
        _state.Tilesets.Features(tileset)?.ToDictionary(
            layer => layer.Key,
            layer => (IReadOnlyList<string>)layer.Value.Select(line => System.Text.Encoding.UTF8.GetString(line)).ToList(),
            StringComparer.Ordinal);

    /// <summary>Stops listening and releases the port.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _state.Tilesets.Dispose();
    }
}
