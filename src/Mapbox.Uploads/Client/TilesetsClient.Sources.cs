using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Http;
using Mapbox.Uploads.Sources;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads;

public partial class TilesetsClient
{
    /// <summary>
    /// Checks a source's files locally (<see cref="TilesetSourceValidator.EnsureValid"/>), hashing each in the same read,
    /// then sends them: the first replaces the source, each further one is appended, one <c>file</c> part per request.
    /// GeoJSON FeatureCollection and Feature files are converted to line-delimited GeoJSON while they are sent;
    /// line-delimited files go byte for byte. What is sent is compared with what was checked.
    /// </summary>
    /// <param name="sourceId">The source id, 1 to 32 of <c>A-Z a-z 0-9 - _</c>.</param>
    /// <param name="filePaths">1 to 10 files, sent in this order.</param>
    /// <param name="progress">Told after each file the service accepted.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The service's answer for each file, in order.</returns>
    /// <exception cref="TilesetSourceValidationException">A local check failed; nothing was sent.</exception>
    /// <exception cref="FileChangedException">A file changed between its checks and its sending; that file's request was cut short.</exception>
    /// <exception cref="MapboxApiException">The service refused or failed (409: a running job uses the source).</exception>
    public virtual async Task<IReadOnlyList<SourceUploadResult>> UploadSourceAsync(
        string sourceId,
        IReadOnlyList<string> filePaths,
        IProgress<SourceUploadResult>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var files = TilesetSourceValidator.EnsureChecked(sourceId, filePaths, computeSha256: true, cancellationToken);
        var results = new List<SourceUploadResult>(files.Count);
        for (var i = 0; i < files.Count; i++)
        {
            var result = await SendCheckedSourceFileAsync(sourceId, i == 0, files[i].Path, files[i].ContentSha256, files[i].Tags, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            progress?.Report(result);
        }

        return results;
    }

    /// <summary>Replaces all of a source's files with this one (PUT); the source is created when it does not exist.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="filePath">A GeoJSON or line-delimited GeoJSON file; its content is not checked here.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The service's answer.</returns>
    /// <exception cref="MapboxApiException">The service refused or failed.</exception>
    public virtual Task<SourceUploadResult> ReplaceSourceAsync(string sourceId, string filePath, CancellationToken cancellationToken = default) =>
        ReplaceSourceAsync(sourceId, filePath, null, cancellationToken);

    /// <summary>
    /// Replaces all of a source's files with this one (PUT), sending exactly the bytes that were checked: the file is
    /// hashed as it is sent and compared with <paramref name="expectedSha256"/> before the request body ends.
    /// </summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="filePath">A GeoJSON or line-delimited GeoJSON file; its content is not checked here.</param>
    /// <param name="expectedSha256">The file's SHA-256 (hex) when it was checked; null sends without comparing.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The service's answer.</returns>
    /// <exception cref="FileChangedException">The bytes read were not the ones checked; the request was cut short and not repeated.</exception>
    /// <exception cref="MapboxApiException">The service refused or failed.</exception>
    public virtual Task<SourceUploadResult> ReplaceSourceAsync(string sourceId, string filePath, string? expectedSha256, CancellationToken cancellationToken = default) =>
        SendSourceFileAsync(TilesetsOperations.ReplaceSource, HttpMethod.Put, sourceId, filePath, expectedSha256, null, cancellationToken);

    /// <summary>Adds this file to a source (POST), creating the source when it does not exist.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="filePath">A GeoJSON or line-delimited GeoJSON file; its content is not checked here.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The service's answer.</returns>
    /// <exception cref="MapboxApiException">The service refused or failed.</exception>
    public virtual Task<SourceUploadResult> AppendSourceAsync(string sourceId, string filePath, CancellationToken cancellationToken = default) =>
        AppendSourceAsync(sourceId, filePath, null, cancellationToken);

    /// <summary>
    /// Adds this file to a source (POST), sending exactly the bytes that were checked: the file is hashed as it is sent
    /// and compared with <paramref name="expectedSha256"/> before the request body ends.
    /// </summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="filePath">A GeoJSON or line-delimited GeoJSON file; its content is not checked here.</param>
    /// <param name="expectedSha256">The file's SHA-256 (hex) when it was checked; null sends without comparing.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The service's answer.</returns>
    /// <exception cref="FileChangedException">The bytes read were not the ones checked; the request was cut short and not repeated.</exception>
    /// <exception cref="MapboxApiException">The service refused or failed.</exception>
    public virtual Task<SourceUploadResult> AppendSourceAsync(string sourceId, string filePath, string? expectedSha256, CancellationToken cancellationToken = default) =>
        SendSourceFileAsync(TilesetsOperations.AppendSource, HttpMethod.Post, sourceId, filePath, expectedSha256, null, cancellationToken);

    /// <summary>Describes a source.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The source.</returns>
    /// <exception cref="MapboxApiException">The service refused (404: no such source) or failed.</exception>
    public virtual Task<TilesetSource> GetSourceAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        RequireSourceId(sourceId);
        return SendForJsonAsync<TilesetSource>(TilesetsOperations.GetSource, () => new HttpRequestMessage(HttpMethod.Get, _urls.Source(sourceId)), cancellationToken);
    }

    /// <summary>Lists the account's sources page by page, following <c>Link rel="next"</c>.</summary>
    /// <param name="limit">Page size, 1 to 500; null lets the service choose.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The sources, fetched lazily.</returns>
    /// <exception cref="MapboxApiException">A page request was refused or failed.</exception>
    public virtual IAsyncEnumerable<TilesetSource> ListSourcesAsync(int? limit = null, CancellationToken cancellationToken = default) =>
        ReadPagesAsync<TilesetSource>(TilesetsOperations.ListSources, _urls.Sources(new[] { LimitQuery(limit) }), cancellationToken);

    /// <summary>Deletes a source. A job still using it fails.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes on 204.</returns>
    /// <exception cref="MapboxApiException">The service refused or failed.</exception>
    public virtual Task DeleteSourceAsync(string sourceId, CancellationToken cancellationToken = default)
    {
        RequireSourceId(sourceId);
        return SendForNothingAsync(TilesetsOperations.DeleteSource, () => new HttpRequestMessage(HttpMethod.Delete, _urls.Source(sourceId)), cancellationToken);
    }

    /// <summary>
    /// Sends a file that passed its checks in this process: the first of a source replaces it (PUT), a further one is
    /// appended (POST). With its block tags, what is sent is compared with what the checks read block by block, as
    /// staging does, instead of hashing the file a second time; without them, by its SHA-256.
    /// </summary>
    internal Task<SourceUploadResult> SendCheckedSourceFileAsync(string sourceId, bool replace, string filePath, string? expectedSha256, ContentTags? expectedTags, CancellationToken cancellationToken) =>
        replace
            ? SendSourceFileAsync(TilesetsOperations.ReplaceSource, HttpMethod.Put, sourceId, filePath, expectedSha256, expectedTags, cancellationToken)
            : SendSourceFileAsync(TilesetsOperations.AppendSource, HttpMethod.Post, sourceId, filePath, expectedSha256, expectedTags, cancellationToken);

    private Task<SourceUploadResult> SendSourceFileAsync(string operation, HttpMethod method, string sourceId, string filePath, string? expectedSha256, ContentTags? expectedTags, CancellationToken cancellationToken)
    {
        RequireSourceId(sourceId);
        Require(filePath, nameof(filePath), "A file path");
        var format = SourceFileFormats.Of(filePath) ?? throw new ArgumentException(SourceFileFormats.UnsupportedMessage(filePath), nameof(filePath));
        return SendForJsonAsync<SourceUploadResult>(
            operation,
            () => new HttpRequestMessage(method, _urls.Source(sourceId)) { Content = SourceFileContent.Create(filePath, format, expectedSha256, expectedTags) },
            cancellationToken);
    }

    private static void RequireSourceId(string sourceId)
    {
        if (TilesetSourceValidator.CheckSourceId(sourceId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(sourceId));
        }
    }
}
