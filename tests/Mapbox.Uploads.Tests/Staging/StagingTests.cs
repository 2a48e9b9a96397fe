using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Tests.Api;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Staging;

public class StagingTests
{
    private const long MiB = 1024 * 1024;
    private static readonly StagingCredentials Credentials = new(
        "ASIAEXAMPLEKEY", "SECRETzz", "SESSIONzz", "tilestream-tilesets-production", "_pending/alice/abc", "https://tilestream-tilesets-production.s3.amazonaws.com/_pending/alice/abc");

    private readonly ClientFactory _factory = new();

    private UploadsClient Client(FakeS3 s3, Action<UploadsClientOptions>? configure = null) =>
        _factory.Create(s3.Handler, o =>
        {
            o.MultipartThreshold = 6 * MiB;
            o.PartSize = 5 * MiB;
            configure?.Invoke(o);
        });

    [Fact]
    public async Task A_small_file_is_one_signed_streaming_PUT_with_progress_0_then_total()
    {
        using var file = TempFile.WithRandomBytes(100_000);
        var s3 = new FakeS3();
        using var client = Client(s3);
        var progress = new List<StagingProgress>();

        var staged = await client.StageAsync(Credentials, file.Path, new SynchronousProgress<StagingProgress>(progress.Add));

        var put = Assert.Single(s3.Handler.Requests);
        Assert.Equal("PUT", put.Method);
        Assert.Equal("https://tilestream-tilesets-production.s3.amazonaws.com/_pending/alice/abc", put.Url.AbsoluteUri);
        Assert.Equal(File.ReadAllBytes(file.Path), put.Body);
        Assert.Equal("100000", put.Headers["Content-Length"]);
        Assert.Equal("UNSIGNED-PAYLOAD", put.Headers["x-amz-content-sha256"]);
        Assert.Equal("SESSIONzz", put.Headers["x-amz-security-token"]);
        Assert.Matches(@"^AWS4-HMAC-SHA256 Credential=ASIAEXAMPLEKEY/\d{8}/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-checksum-crc32c;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$", put.Headers["Authorization"]);
        Assert.Equal(Crc32CTests.Base64Of(File.ReadAllBytes(file.Path)), put.Headers["x-amz-checksum-crc32c"]);
        Assert.DoesNotContain("SECRETzz", string.Join("\n", put.Headers.Values));
        Assert.Equal(new[] { 0L, 100_000L }, progress.Select(p => p.BytesAcknowledged));
        Assert.Equal(0, staged.PartCount);
        Assert.Equal(Credentials.Url, staged.Url);
    }

    [Fact]
    public async Task A_retried_PUT_resends_the_whole_file()
    {
        using var file = TempFile.WithRandomBytes(50_000);
        var s3 = new FakeS3 { Fault = (_, index) => index == 0 ? FakeS3.Xml(HttpStatusCode.InternalServerError, "<Error><Code>InternalError</Code></Error>") : null };
        using var client = Client(s3);

        await client.StageAsync(Credentials, file.Path);

        Assert.Equal(2, s3.Handler.Requests.Count);
        Assert.Equal(File.ReadAllBytes(file.Path), s3.Handler.Requests[1].Body);
    }

    [Fact]
    public async Task A_big_file_goes_multipart_and_reassembles_byte_exact_with_per_part_progress()
    {
        using var file = TempFile.WithRandomBytes((12 * MiB) + 3);
        var s3 = new FakeS3();
        using var client = Client(s3, o => o.MaxConcurrentParts = 2);
        var progress = new List<StagingProgress>();

        var staged = await client.StageAsync(Credentials, file.Path, new SynchronousProgress<StagingProgress>(progress.Add));

        Assert.Equal(3, staged.PartCount);
        Assert.Equal(File.ReadAllBytes(file.Path), s3.Assembled());
        var requests = s3.Handler.Requests;
        Assert.Equal("?uploads", requests[0].Query);
        Assert.Equal("CRC32C", requests[0].Headers["x-amz-checksum-algorithm"]);
        var parts = requests.Where(r => r.Method == "PUT").ToArray();
        Assert.Equal(3, parts.Length);
        Assert.All(parts, p => Assert.Equal(Crc32CTests.Base64Of(p.Body!), p.Headers["x-amz-checksum-crc32c"]));
        var crcs = s3.Parts.OrderBy(p => p.Key).Select(p => Crc32CTests.Base64Of(p.Value)).ToArray();
        Assert.All(parts, p => Assert.Contains("uploadId=upload-7Zx.~abc", p.Query));
        var complete = requests.Last();
        Assert.Equal("POST", complete.Method);
        Assert.Equal("?uploadId=upload-7Zx.~abc", complete.Query);
        Assert.Contains(
            $"<Part><PartNumber>1</PartNumber><ETag>\"etag-1\"</ETag><ChecksumCRC32C>{crcs[0]}</ChecksumCRC32C></Part>"
            + $"<Part><PartNumber>2</PartNumber><ETag>\"etag-2\"</ETag><ChecksumCRC32C>{crcs[1]}</ChecksumCRC32C></Part>"
            + $"<Part><PartNumber>3</PartNumber><ETag>\"etag-3\"</ETag><ChecksumCRC32C>{crcs[2]}</ChecksumCRC32C></Part>",
            complete.BodyText);
        Assert.DoesNotContain(requests, r => r.Method == "DELETE");
        Assert.Equal(0, progress[0].BytesAcknowledged);
        Assert.Equal((12 * MiB) + 3, progress[^1].BytesAcknowledged);
        Assert.Equal(4, progress.Count);
        Assert.True(progress.Zip(progress.Skip(1)).All(p => p.First.BytesAcknowledged < p.Second.BytesAcknowledged));
    }

    [Fact]
    public async Task A_failing_part_is_retried_on_its_own()
    {
        using var file = TempFile.WithRandomBytes(11 * MiB);
        var failures = 0;
        var s3 = new FakeS3
        {
            Fault = (r, _) => r.Query.StartsWith("?partNumber=2&", StringComparison.Ordinal) && Interlocked.Increment(ref failures) == 1
                ? FakeS3.Xml(HttpStatusCode.ServiceUnavailable, "<Error><Code>SlowDown</Code></Error>")
                : null,
        };
        using var client = Client(s3);

        await client.StageAsync(Credentials, file.Path);

        Assert.Equal(File.ReadAllBytes(file.Path), s3.Assembled());
        Assert.Equal(2, s3.Handler.Requests.Count(r => r.Query.StartsWith("?partNumber=2&", StringComparison.Ordinal)));
        Assert.Equal(1, s3.Handler.Requests.Count(r => r.Query.StartsWith("?partNumber=1&", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_part_that_keeps_failing_aborts_the_multipart_upload()
    {
        using var file = TempFile.WithRandomBytes(16 * MiB);
        var s3 = new FakeS3
        {
            Fault = (r, _) => r.Query.StartsWith("?partNumber=2&", StringComparison.Ordinal)
                ? FakeS3.Xml(HttpStatusCode.Forbidden, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>")
                : null,
        };
        using var client = Client(s3);

        var ex = await Assert.ThrowsAsync<StagingException>(() => client.StageAsync(Credentials, file.Path));

        Assert.Equal("AccessDenied", ex.S3ErrorCode);
        Assert.Equal(403, ex.StatusCode);
        Assert.Contains("part 2", ex.Message);
        var abort = Assert.Single(s3.Handler.Requests, r => r.Method == "DELETE");
        Assert.Equal("?uploadId=upload-7Zx.~abc", abort.Query);
        Assert.DoesNotContain(s3.Handler.Requests, r => r.Method == "POST" && r.Query.StartsWith("?uploadId", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Cancellation_during_parts_aborts_the_multipart_upload()
    {
        using var file = TempFile.WithRandomBytes(16 * MiB);
        using var cancellation = new CancellationTokenSource();
        var s3 = new FakeS3();
        s3.Fault = (r, _) =>
        {
            if (r.Query.StartsWith("?partNumber=1&", StringComparison.Ordinal))
            {
                cancellation.Cancel();
            }

            return null;
        };
        using var client = Client(s3, o => o.MaxConcurrentParts = 1);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.StageAsync(Credentials, file.Path, null, cancellation.Token));

        Assert.Single(s3.Handler.Requests, r => r.Method == "DELETE");
        Assert.DoesNotContain(s3.Handler.Requests, r => r.Query.StartsWith("?partNumber=3&", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("?uploads")]
    [InlineData("?uploadId=")]
    public async Task Cancellation_stops_an_S3_answer_whose_body_stalls(string query)
    {
        using var file = TempFile.WithRandomBytes(7 * MiB);
        using var cancellation = new CancellationTokenSource();
        var s3 = new FakeS3
        {
            Fault = (r, _) => r.Method == "POST" && r.Query.StartsWith(query, StringComparison.Ordinal)
                ? new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(new StalledStream()) }
                : null,
        };
        using var client = Client(s3);

        var staging = client.StageAsync(Credentials, file.Path, null, cancellation.Token);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(200));
        var finished = await Task.WhenAny(staging, Task.Delay(TimeSpan.FromSeconds(20)));

        Assert.Same(staging, finished);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => staging);
        Assert.Equal(query == "?uploads" ? 0 : 1, s3.Handler.Requests.Count(r => r.Method == "DELETE"));
    }

    [Fact]
    public async Task A_complete_answered_200_with_an_Error_body_fails_and_aborts()
    {
        using var file = TempFile.WithRandomBytes(7 * MiB);
        var s3 = new FakeS3
        {
            Fault = (r, _) => r.Method == "POST" && r.Query.StartsWith("?uploadId", StringComparison.Ordinal)
                ? FakeS3.Xml(HttpStatusCode.OK, "<Error><Code>InvalidPart</Code><Message>One or more of the specified parts could not be found.</Message></Error>")
                : null,
        };
        using var client = Client(s3);

        var ex = await Assert.ThrowsAsync<StagingException>(() => client.StageAsync(Credentials, file.Path));

        Assert.Equal("InvalidPart", ex.S3ErrorCode);
        Assert.Single(s3.Handler.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task A_seekable_stream_is_staged_from_its_position()
    {
        var bytes = Enumerable.Range(0, 7 * (int)MiB).Select(i => (byte)(i * 7)).ToArray();
        using var stream = new MemoryStream(bytes);
        stream.Position = 10;
        var s3 = new FakeS3();
        using var client = Client(s3);

        var staged = await client.StageAsync(Credentials, stream);

        Assert.Equal(2, staged.PartCount);
        Assert.Equal(bytes.Skip(10).ToArray(), s3.Assembled());
    }

    [Fact]
    public async Task A_non_seekable_stream_is_refused_with_a_reason()
    {
        var s3 = new FakeS3();
        using var client = Client(s3);
        using var stream = new GZipReadOnly();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => client.StageAsync(Credentials, stream));

        Assert.Contains("seekable", ex.Message);
    }

    [Fact]
    public async Task Keys_are_encoded_once_in_the_url_path()
    {
        using var file = TempFile.WithRandomBytes(10);
        var s3 = new FakeS3();
        using var client = Client(s3, o => o.StagingEndpoint = new Uri("http://127.0.0.1:9/prefix/"));
        var credentials = new StagingCredentials("AK", "SK", "ST", "my-bucket", "_pending/alice/a b+c=d%e~ü", "https://ignored.example/x");

        await client.StageAsync(credentials, file.Path);

        Assert.Equal("/prefix/my-bucket/_pending/alice/a%20b%2Bc%3Dd%25e~%C3%BC", Assert.Single(s3.Handler.Requests).Url.AbsolutePath);
    }

    private sealed class GZipReadOnly : MemoryStream
    {
        public override bool CanSeek => false;
    }
}

/// <summary>A response body that sends nothing until the read is cancelled, like a connection that went quiet.</summary>
internal sealed class StalledStream : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return 0;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        new(ReadAsync(Array.Empty<byte>(), 0, 0, cancellationToken));

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
