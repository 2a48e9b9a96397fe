using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Http;

namespace Mapbox.Uploads.Staging;

/// <summary>
/// Writes a source to the staging bucket: one PUT for a small source, else a multipart upload with several parts in
/// flight, each retried on its own, aborted on failure and on cancellation. Every part is read once into a pooled
/// buffer by <see cref="StagingReader"/>, which compares it with what the caller checked and checksums it, and is sent
/// (and re-sent) from that buffer with its CRC-32C, so S3 refuses bytes altered on the way and nothing completes from
/// bytes other than the checked ones. Progress counts only bytes S3 acknowledged.
/// </summary>
internal sealed class S3Stager
{
    /// <summary>The part buffers of one staging stay within this; fewer parts fly at once when parts are large.</summary>
    public const long BufferBudget = 64 * PartPlanner.MiB;

    private const string ChecksumHeaderName = "x-amz-checksum-crc32c";
    private static readonly TimeSpan AbortBound = TimeSpan.FromSeconds(30);
    private static readonly KeyValuePair<string, string?>[] NoQuery = Array.Empty<KeyValuePair<string, string?>>();
    private static readonly KeyValuePair<string, string>[] NoHeaders = Array.Empty<KeyValuePair<string, string>>();

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
        var useMultipart = source.Length >= _settings.MultipartThreshold || source.Length > BufferBudget;
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
        var plan = new PartPlan(source.Length, Math.Max(source.Length, 1));
        using var reader = new StagingReader(source, plan);
        var buffer = ArrayPool<byte>.Shared.Rent((int)plan.PartSize);
        try
        {
            // The whole object is read and checked before the PUT: a changed file sends nothing.
            var body = (await reader.ReadNextAsync(buffer, cancellationToken).ConfigureAwait(false))!.Value;
            reader.VerifyContent();
            progress?.Report(new StagingProgress(0, source.Length));
            await SendAsync(target, "put object", HttpMethod.Put, NoQuery, ChecksumHeader(body.Crc32C), () => Content(body), (_, _) => Task.FromResult(true), cancellationToken)
                .ConfigureAwait(false);
            progress?.Report(new StagingProgress(source.Length, source.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task MultipartUploadAsync(Target target, StagingSource source, PartPlan plan, IProgress<StagingProgress>? progress, CancellationToken cancellationToken)
    {
        var uploadId = await SendAsync(
            target,
            "initiate multipart upload",
            HttpMethod.Post,
            new[] { Pair("uploads", null) },
            new[] { Header("x-amz-checksum-algorithm", "CRC32C") },
            null,
            async (response, ct) => MultipartXml.ReadUploadId(await ResponseText.ReadAsync(response, ct).ConfigureAwait(false))
                ?? throw new StagingException((int)response.StatusCode, null, false, "S3 answered the multipart initiation without an UploadId."),
            cancellationToken).ConfigureAwait(false);

        try
        {
            progress?.Report(new StagingProgress(0, plan.TotalBytes));
            var parts = await UploadPartsAsync(target, source, plan, uploadId, progress, cancellationToken).ConfigureAwait(false);
            await CompleteAsync(target, uploadId, parts, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            await AbortAsync(target, uploadId).ConfigureAwait(false);
            throw;
        }
    }

    private async Task<CompletedPart[]> UploadPartsAsync(Target target, StagingSource source, PartPlan plan, string uploadId, IProgress<StagingProgress>? progress, CancellationToken cancellationToken)
    {
        var parts = new CompletedPart[plan.PartCount];
        var progressLock = new object();
        long acknowledged = 0;
        ExceptionDispatchInfo? firstFailure = null;
        using var stopOthers = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var reader = new StagingReader(source, plan);

        // Each worker owns one buffer: it reads, tags and checksums a part, sends it, and takes the next.
        async Task RunWorkerAsync()
        {
            var buffer = ArrayPool<byte>.Shared.Rent((int)plan.PartSize);
            try
            {
                while (await reader.ReadNextAsync(buffer, stopOthers.Token).ConfigureAwait(false) is { } body)
                {
                    var etag = await UploadPartAsync(target, uploadId, body, stopOthers.Token).ConfigureAwait(false);
                    parts[body.PartNumber - 1] = new CompletedPart(etag, body.Crc32C);
                    lock (progressLock)
                    {
                        acknowledged += body.Length;
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
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        var workerCount = WorkerCount(plan);
        await Task.WhenAll(Enumerable.Range(0, workerCount).Select(_ => Task.Run(RunWorkerAsync))).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        firstFailure?.Throw();
        reader.VerifyContent();
        return parts;
    }

    private int WorkerCount(PartPlan plan)
    {
        var affordable = (int)Math.Max(1, BufferBudget / plan.PartSize);
        return Math.Min(Math.Min(_settings.MaxConcurrentParts, affordable), plan.PartCount);
    }

    private Task<string> UploadPartAsync(Target target, string uploadId, PartBody body, CancellationToken cancellationToken) =>
        SendAsync(
            target,
            $"part {body.PartNumber}",
            HttpMethod.Put,
            new[] { Pair("partNumber", body.PartNumber.ToString(CultureInfo.InvariantCulture)), Pair("uploadId", uploadId) },
            ChecksumHeader(body.Crc32C),
            () => Content(body),
            (response, _) => Task.FromResult(
                response.Headers.TryGetValues("ETag", out var values) && values.FirstOrDefault() is { Length: > 0 } etag
                    ? etag
                    : throw new StagingException((int)response.StatusCode, null, false, $"S3 acknowledged part {body.PartNumber} without an ETag.")),
            cancellationToken);

    private async Task CompleteAsync(Target target, string uploadId, CompletedPart[] parts, CancellationToken cancellationToken)
    {
        var body = await SendAsync(
            target,
            "complete multipart upload",
            HttpMethod.Post,
            new[] { Pair("uploadId", uploadId) },
            NoHeaders,
            () => MultipartXml.CompleteBody(parts),
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
            await SendAsync(target, "abort multipart upload", HttpMethod.Delete, new[] { Pair("uploadId", uploadId) }, NoHeaders, null, (_, _) => Task.FromResult(true), bound.Token)
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
        IReadOnlyList<KeyValuePair<string, string>> amzHeaders,
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
                SigV4Signer.Sign(request, url.AbsolutePath, query, target.Credentials, _pipeline.Clock.UtcNow, amzHeaders);
                return request;
            },
            readSuccess,
            failure => S3Errors.From(step, failure, target.Credentials),
            cancellationToken);
    }

    // A fresh content per attempt over the same buffer: a retry re-sends exactly the bytes that were hashed.
    private static HttpContent Content(PartBody body)
    {
        var content = new ByteArrayContent(body.Buffer, 0, body.Length);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private static KeyValuePair<string, string>[] ChecksumHeader(string crc32C) => new[] { Header(ChecksumHeaderName, crc32C) };

    private static KeyValuePair<string, string?> Pair(string key, string? value) => new(key, value);

    private static KeyValuePair<string, string> Header(string name, string value) => new(name, value);

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

/// <summary>A part S3 acknowledged: its ETag and the CRC-32C it was sent with, both named again in the complete request.</summary>
internal readonly struct CompletedPart
{
    public CompletedPart(string etag, string crc32C)
    {
        ETag = etag;
        Crc32C = crc32C;
    }

    public string ETag { get; }

    public string Crc32C { get; }
}
