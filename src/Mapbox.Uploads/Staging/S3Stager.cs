using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Http;

namespace Mapbox.Uploads.Staging;

/// <summary>
/// Writes a file to the staging bucket: one streamed PUT below the multipart threshold, else a multipart upload
/// with several parts in flight, each retried on its own, aborted on failure and on cancellation.
/// Progress counts only bytes S3 acknowledged.
/// </summary>
internal sealed class S3Stager
{
    private static readonly TimeSpan AbortBound = TimeSpan.FromSeconds(30);
    private static readonly KeyValuePair<string, string?>[] NoQuery = Array.Empty<KeyValuePair<string, string?>>();

    private readonly HttpPipeline _pipeline;
    private readonly StagingSettings _settings;

    public S3Stager(HttpPipeline pipeline, StagingSettings settings)
    {
        _pipeline = pipeline;
        _settings = settings;
    }

    public async Task<StagedFile> StageAsync(StagingCredentials credentials, StagingSource source, IProgress<StagingProgress>? progress, CancellationToken cancellationToken)
    {
        var address = ObjectAddress.Resolve(credentials, _settings.Endpoint);
        var origin = new Uri(address.Origin);
        if (!TransportSecurity.IsAllowed(origin))
        {
            throw new StagingException(0, null, false, TransportSecurity.Refusal(origin, "the staging address"));
        }

        var target = new Target(address, credentials);
        var useMultipart = source.Length >= _settings.MultipartThreshold || source.Length > PartPlanner.MaxPartSize;
        if (!useMultipart)
        {
            await PutObjectAsync(target, source, progress, cancellationToken).ConfigureAwait(false);
            return new StagedFile(credentials.Url, credentials.Bucket, credentials.Key, source.Length, 0);
        }

        var plan = PartPlanner.Plan(source.Length, _settings.PartSize);
        await MultipartUploadAsync(target, source, plan, progress, cancellationToken).ConfigureAwait(false);
        return new StagedFile(credentials.Url, credentials.Bucket, credentials.Key, source.Length, plan.PartCount);
    }

    private async Task PutObjectAsync(Target target, StagingSource source, IProgress<StagingProgress>? progress, CancellationToken cancellationToken)
    {
        progress?.Report(new StagingProgress(0, source.Length));
        await SendAsync(target, "put object", HttpMethod.Put, NoQuery, () => source.CreateContent(0, source.Length), (_, _) => Task.FromResult(true), cancellationToken)
            .ConfigureAwait(false);
        progress?.Report(new StagingProgress(source.Length, source.Length));
    }

    private async Task MultipartUploadAsync(Target target, StagingSource source, PartPlan plan, IProgress<StagingProgress>? progress, CancellationToken cancellationToken)
    {
        var uploadId = await SendAsync(
            target,
            "initiate multipart upload",
            HttpMethod.Post,
            new[] { Pair("uploads", null) },
            null,
            async (response, ct) => MultipartXml.ReadUploadId(await ResponseText.ReadAsync(response, ct).ConfigureAwait(false))
                ?? throw new StagingException((int)response.StatusCode, null, false, "S3 answered the multipart initiation without an UploadId."),
            cancellationToken).ConfigureAwait(false);

        try
        {
            progress?.Report(new StagingProgress(0, plan.TotalBytes));
            var etags = await UploadPartsAsync(target, source, plan, uploadId, progress, cancellationToken).ConfigureAwait(false);
            await CompleteAsync(target, uploadId, etags, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            await AbortAsync(target, uploadId).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<string[]> UploadPartsAsync(Target target, StagingSource source, PartPlan plan, string uploadId, IProgress<StagingProgress>? progress, CancellationToken cancellationToken)
    {
        var etags = new string[plan.PartCount];
        var progressLock = new object();
        long acknowledged = 0;
        var nextIndex = -1;
        ExceptionDispatchInfo? firstFailure = null;
        using var stopOthers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task RunWorkerAsync()
        {
            try
            {
                int index;
                while ((index = Interlocked.Increment(ref nextIndex)) < plan.PartCount)
                {
                    stopOthers.Token.ThrowIfCancellationRequested();
                    var offset = plan.OffsetOf(index);
                    var length = plan.LengthOf(index);
                    etags[index] = await UploadPartAsync(target, source, uploadId, index + 1, offset, length, stopOthers.Token).ConfigureAwait(false);
                    lock (progressLock)
                    {
                        acknowledged += length;
                        progress?.Report(new StagingProgress(acknowledged, plan.TotalBytes));
                    }
                }
            }
            catch (Exception ex)
            {
                // The first failure wins; the cancellations it causes in the other workers are not news.
                if (Interlocked.CompareExchange(ref firstFailure, ExceptionDispatchInfo.Capture(ex), null) is null)
                {
                    stopOthers.Cancel();
                }
            }
        }

        var workerCount = Math.Min(Math.Min(_settings.MaxConcurrentParts, source.MaxConcurrency), plan.PartCount);
        await Task.WhenAll(Enumerable.Range(0, workerCount).Select(_ => RunWorkerAsync())).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        firstFailure?.Throw();
        return etags;
    }

    private Task<string> UploadPartAsync(Target target, StagingSource source, string uploadId, int partNumber, long offset, long length, CancellationToken cancellationToken) =>
        SendAsync(
            target,
            $"part {partNumber}",
            HttpMethod.Put,
            new[] { Pair("partNumber", partNumber.ToString(CultureInfo.InvariantCulture)), Pair("uploadId", uploadId) },
            () => source.CreateContent(offset, length),
            (response, _) => Task.FromResult(
                response.Headers.TryGetValues("ETag", out var values) && values.FirstOrDefault() is { Length: > 0 } etag
                    ? etag
                    : throw new StagingException((int)response.StatusCode, null, false, $"S3 acknowledged part {partNumber} without an ETag.")),
            cancellationToken);

    private async Task CompleteAsync(Target target, string uploadId, string[] etags, CancellationToken cancellationToken)
    {
        var body = await SendAsync(
            target,
            "complete multipart upload",
            HttpMethod.Post,
            new[] { Pair("uploadId", uploadId) },
            () => MultipartXml.CompleteBody(etags),
            ResponseText.ReadAsync,
            cancellationToken).ConfigureAwait(false);
        if (MultipartXml.IsError(body))
        {
            var (code, message) = S3Errors.Parse(body);
            throw new StagingException(200, code, code is "InternalError" or "SlowDown", S3Errors.Scrub($"S3 refused to complete the multipart upload: {code}: {message}", target.Credentials));
        }
    }

    private async Task AbortAsync(Target target, string uploadId)
    {
        // Runs after a failure or a cancellation, so it gets its own bounded token instead of the caller's.
        using var bound = new CancellationTokenSource(AbortBound);
        try
        {
            await SendAsync(target, "abort multipart upload", HttpMethod.Delete, new[] { Pair("uploadId", uploadId) }, null, (_, _) => Task.FromResult(true), bound.Token)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StagingException or OperationCanceledException)
        {
            // The original failure is what the caller needs; an orphaned upload expires by the bucket's lifecycle rule.
        }
    }

    private Task<T> SendAsync<T>(
        Target target,
        string step,
        HttpMethod method,
        IReadOnlyList<KeyValuePair<string, string?>> query,
        Func<HttpContent>? createContent,
        Func<HttpResponseMessage, CancellationToken, Task<T>> readSuccess,
        CancellationToken cancellationToken)
    {
        var queryString = SigV4Signer.QueryString(query);
        var url = new Uri(target.Address.Origin + target.Address.EncodedPath + (queryString.Length == 0 ? string.Empty : "?" + queryString));
        return _pipeline.SendAsync(
            $"{UploadsOperations.Stage} {step}",
            () =>
            {
                var request = new HttpRequestMessage(method, url) { Content = createContent?.Invoke() };
                SigV4Signer.Sign(request, url.AbsolutePath, query, target.Credentials, DateTimeOffset.UtcNow);
                return request;
            },
            readSuccess,
            failure => S3Errors.From(step, failure, target.Credentials),
            cancellationToken);
    }

    private static KeyValuePair<string, string?> Pair(string key, string? value) => new(key, value);

    private sealed class Target
    {
        public Target(ObjectAddress address, StagingCredentials credentials)
        {
            Address = address;
            Credentials = credentials;
        }

        public ObjectAddress Address { get; }

        public StagingCredentials Credentials { get; }
    }
}
