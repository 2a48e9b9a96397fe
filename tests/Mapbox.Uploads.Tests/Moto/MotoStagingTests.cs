using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Tests.Api;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Moto;

/// <summary>The SigV4 stager against a real S3 implementation that checks signatures, access keys and session tokens.</summary>
public class MotoStagingTests : IClassFixture<MotoServer>
{
    private const long MiB = 1024 * 1024;
    private readonly MotoServer _moto;

    public MotoStagingTests(MotoServer moto) => _moto = moto;

    private static UploadsClient Client(HttpMessageHandler? handler = null, int maxAttempts = 3) => new(
        TestTokens.Token(),
        new UploadsClientOptions
        {
            HttpClient = handler is null ? null : new HttpClient(handler),
            MultipartThreshold = 6 * MiB,
            PartSize = 5 * MiB,
            MaxConcurrentParts = 3,
            Retry = new RetryOptions { MaxAttempts = maxAttempts, InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
        });

    private static string NewKey(string suffix = "") => $"_pending/alice/{Guid.NewGuid():N}{suffix}";

    [Fact]
    public async Task A_single_PUT_round_trips_byte_exact()
    {
        using var file = TempFile.WithRandomBytes(300_000);
        using var client = Client();
        var key = NewKey();
        var progress = new List<StagingProgress>();

        var staged = await client.StageAsync(_moto.Credentials(key), file.Path, new SynchronousProgress<StagingProgress>(progress.Add));

        Assert.Equal(0, staged.PartCount);
        Assert.Equal(file.Sha256(), await _moto.Sha256Async(key));
        Assert.Equal(300_000, progress[^1].BytesAcknowledged);
    }

    [Fact]
    public async Task A_multipart_upload_round_trips_byte_exact()
    {
        using var file = TempFile.WithRandomBytes((11 * MiB) + 17, seed: 7);
        using var client = Client();
        var key = NewKey();

        var staged = await client.StageAsync(_moto.Credentials(key), file.Path);

        Assert.Equal(3, staged.PartCount);
        Assert.Equal(file.Sha256(), await _moto.Sha256Async(key));
        Assert.DoesNotContain(key, await _moto.OpenMultipartUploadKeysAsync());
    }

    [Fact]
    public async Task A_symbolic_link_round_trips_as_its_whole_target()
    {
        using var file = TempFile.WithRandomBytes((7 * MiB) + 5, seed: 11);
        var link = file.Path + ".link";
        System.IO.File.CreateSymbolicLink(link, file.Path);
        try
        {
            using var client = Client();
            var key = NewKey();

            var staged = await client.StageAsync(_moto.Credentials(key), link);

            Assert.Equal((7 * MiB) + 5, staged.Size);
            Assert.Equal(file.Sha256(), await _moto.Sha256Async(key));
        }
        finally
        {
            System.IO.File.Delete(link);
        }
    }

    // What moto enforces of S3's integrity headers: it accepts x-amz-checksum-algorithm, the parts' x-amz-checksum-crc32c
    // and the ChecksumCRC32C of the complete request, but verifies none of them (moto 5.2.1, responses.py: "TODO: AWS
    // computes the provided value and verifies it's the same"), nor Content-MD5. So a corrupted body is stored here; the
    // refusal S3 gives is proven against the emulator's S3 (StagingIntegrityTests), which verifies them as S3 documents.
    [Theory]
    [InlineData(300_000)]
    [InlineData((11 * MiB) + 17)]
    public async Task Moto_verifies_no_checksum_so_a_body_altered_on_the_way_is_stored(long length)
    {
        using var file = TempFile.WithRandomBytes(length, seed: 13);
        using var client = Client(new CorruptingHandler());
        var key = NewKey();

        await client.StageAsync(_moto.Credentials(key), file.Path);

        Assert.NotEqual(file.Sha256(), await _moto.Sha256Async(key));
    }

    // moto re-encodes only some characters when it recomputes the signature: boto3's own requests for keys with
    // + = ! ( ) ' * , ; : & $ @ or non-ASCII are refused by it too, so those encodings are checked against botocore's signer instead.
    [Theory]
    [InlineData(" with spaces")]
    [InlineData("~tilde")]
    [InlineData("/deeper/path/file.geojson")]
    public async Task Keys_that_need_encoding_are_signed_as_sent(string suffix)
    {
        using var file = TempFile.WithRandomBytes(1000);
        using var client = Client();
        var key = NewKey(suffix);

        await client.StageAsync(_moto.Credentials(key), file.Path);

        Assert.Equal(file.Sha256(), await _moto.Sha256Async(key));
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_as_SignatureDoesNotMatch()
    {
        using var file = TempFile.WithRandomBytes(1000);
        using var client = Client();
        var wrongSecret = Altered(_moto.SecretAccessKey);

        var ex = await Assert.ThrowsAsync<StagingException>(() => client.StageAsync(_moto.Credentials(NewKey(), secret: wrongSecret), file.Path));

        Assert.Equal("SignatureDoesNotMatch", ex.S3ErrorCode);
        Assert.Equal(403, ex.StatusCode);
        Assert.False(ex.IsRetryable);
        Assert.Contains("secret key does not match", ex.Message);
        Assert.DoesNotContain(wrongSecret, ex.ToString());
        Assert.DoesNotContain(_moto.SessionToken, ex.ToString());
    }

    [Fact]
    public async Task A_wrong_session_token_is_refused_as_InvalidToken()
    {
        using var file = TempFile.WithRandomBytes(1000);
        using var client = Client();
        var wrongToken = Altered(_moto.SessionToken);

        var ex = await Assert.ThrowsAsync<StagingException>(() => client.StageAsync(_moto.Credentials(NewKey(), sessionToken: wrongToken), file.Path));

        Assert.Equal("InvalidToken", ex.S3ErrorCode);
        Assert.Equal(400, ex.StatusCode);
        Assert.DoesNotContain(wrongToken, ex.ToString());
    }

    [Fact]
    public async Task A_multipart_upload_that_fails_is_aborted_on_the_server()
    {
        using var file = TempFile.WithRandomBytes(16 * MiB, seed: 3);
        var failPart2 = new FailingPartHandler(2);
        using var client = Client(failPart2, maxAttempts: 2);
        var key = NewKey();

        var ex = await Assert.ThrowsAsync<StagingException>(() => client.StageAsync(_moto.Credentials(key), file.Path));

        Assert.Equal(0, ex.StatusCode);
        Assert.True(failPart2.InitiateSucceeded, "the multipart upload must have been opened on moto for this test to mean anything");
        Assert.Equal(204, failPart2.AbortStatus);
        Assert.DoesNotContain(key, await _moto.OpenMultipartUploadKeysAsync());
    }

    [Fact]
    public async Task A_cancelled_multipart_upload_is_aborted_on_the_server()
    {
        using var file = TempFile.WithRandomBytes(16 * MiB, seed: 4);
        using var cancellation = new CancellationTokenSource();
        var handler = new FailingPartHandler(failPart: null) { OnPartAcknowledged = () => cancellation.Cancel() };
        using var client = Client(handler);
        var key = NewKey();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.StageAsync(_moto.Credentials(key), file.Path, null, cancellation.Token));

        Assert.True(handler.InitiateSucceeded);
        Assert.Equal(204, handler.AbortStatus);
        Assert.DoesNotContain(key, await _moto.OpenMultipartUploadKeysAsync());
    }

    /// <summary>Passes requests to moto, but drops the connection for one part every time.</summary>
    private sealed class FailingPartHandler : DelegatingHandler
    {
        private readonly int? _failPart;

        public FailingPartHandler(int? failPart)
            : base(new HttpClientHandler()) => _failPart = failPart;

        public bool InitiateSucceeded { get; private set; }

        public int? AbortStatus { get; private set; }

        public Action? OnPartAcknowledged { get; init; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var query = request.RequestUri!.Query;
            if (_failPart is { } part && query.StartsWith($"?partNumber={part}&", StringComparison.Ordinal))
            {
                throw new HttpRequestException("connection dropped (injected)");
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (query == "?uploads" && response.IsSuccessStatusCode)
            {
                InitiateSucceeded = true;
            }

            if (request.Method == HttpMethod.Delete)
            {
                AbortStatus = (int)response.StatusCode;
            }

            if (query.StartsWith("?partNumber=", StringComparison.Ordinal) && response.IsSuccessStatusCode)
            {
                OnPartAcknowledged?.Invoke();
            }

            return response;
        }
    }

    /// <summary>The same text with its first character changed, always (a random secret may already start with 'x').</summary>
    private static string Altered(string secret) => (secret[0] == 'x' ? 'y' : 'x') + secret.Substring(1);
}
