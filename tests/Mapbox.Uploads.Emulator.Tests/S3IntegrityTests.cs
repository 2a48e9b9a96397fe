using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

/// <summary>The emulator's S3 verifies the checksums a client sends, as S3 does, and expires the credentials it issues when told to.</summary>
public class S3IntegrityTests
{
    // Base64 digests of "hello", computed with Python's zlib and hashlib (CRC-32C bit by bit from its polynomial).
    [Theory]
    [InlineData("Content-MD5", "XUFAKrxLKna5cZ2REBfFkg==")]
    [InlineData("x-amz-checksum-crc32", "NhCmhg==")]
    [InlineData("x-amz-checksum-crc32c", "mnG7TA==")]
    [InlineData("x-amz-checksum-sha1", "qvTGHdzF6KLavt4PO0gs2a6pQ00=")]
    [InlineData("x-amz-checksum-sha256", "LPJNul+wow4m6DsqxbninhsWHlwfp0JecwQzYpOLmCQ=")]
    public async Task A_body_matching_its_checksum_is_stored_and_one_altered_on_the_way_is_bad_digest(string header, string helloDigest)
    {
        await using var session = await EmulatorSession.StartAsync();
        var credentials = await session.RequestCredentialsAsync();

        using var intact = await PutAsync(session, credentials, credentials.Url, "hello", header, helloDigest);
        using var altered = await PutAsync(session, credentials, credentials.Url, "hellp", header, helloDigest);

        Assert.Equal(200, (int)intact.StatusCode);
        Assert.Equal(400, (int)altered.StatusCode);
        Assert.Equal("BadDigest", await S3Tests.ErrorCodeAsync(altered));
        Assert.True(session.Emulator.TryGetStagedObject(credentials.Bucket, credentials.Key, out var content));
        Assert.Equal("hello", Encoding.UTF8.GetString(content));
    }

    [Theory]
    [InlineData("Content-MD5", "InvalidDigest")]
    [InlineData("x-amz-checksum-crc32c", "InvalidRequest")]
    public async Task A_checksum_that_is_not_one_is_refused(string header, string code)
    {
        await using var session = await EmulatorSession.StartAsync();
        var credentials = await session.RequestCredentialsAsync();

        using var response = await PutAsync(session, credentials, credentials.Url, "hello", header, "not-base64!");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(code, await S3Tests.ErrorCodeAsync(response));
        Assert.False(session.Emulator.TryGetStagedObject(credentials.Bucket, credentials.Key, out _));
    }

    [Fact]
    public async Task A_part_altered_on_the_way_is_bad_digest_and_not_kept()
    {
        await using var session = await EmulatorSession.StartAsync();
        var credentials = await session.RequestCredentialsAsync();
        using var initiate = await session.Http.SendAsync(S3Request.For(HttpMethod.Post, $"{credentials.Url}?uploads", credentials));
        var uploadId = System.Xml.Linq.XDocument.Parse(await initiate.Content.ReadAsStringAsync()).Root!.Elements().Single(e => e.Name.LocalName == "UploadId").Value;

        using var part = await PutAsync(session, credentials, $"{credentials.Url}?partNumber=1&uploadId={uploadId}", "hellp", "x-amz-checksum-crc32c", "mnG7TA==");
        using var list = await session.Http.SendAsync(S3Request.For(HttpMethod.Get, $"{credentials.Url}?uploadId={uploadId}", credentials));

        Assert.Equal("BadDigest", await S3Tests.ErrorCodeAsync(part));
        Assert.DoesNotContain("<Part>", await list.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Credentials_past_their_lifetime_get_ExpiredToken_for_every_call_aborts_included()
    {
        var clock = new ManualClock();
        await using var session = await EmulatorSession.StartAsync(new EmulatorOptions
        {
            ProcessingTime = TimeSpan.Zero,
            RateLimitPerMinute = 0,
            TimeProvider = clock,
            CredentialLifetime = TimeSpan.FromMinutes(15),
        });
        var credentials = await session.RequestCredentialsAsync();
        using var initiate = await session.Http.SendAsync(S3Request.For(HttpMethod.Post, $"{credentials.Url}?uploads", credentials));
        var uploadId = System.Xml.Linq.XDocument.Parse(await initiate.Content.ReadAsStringAsync()).Root!.Elements().Single(e => e.Name.LocalName == "UploadId").Value;

        clock.Advance(TimeSpan.FromMinutes(15));
        using var put = await PutAsync(session, credentials, credentials.Url, "hello", "x-amz-checksum-crc32c", "mnG7TA==");
        using var abort = await session.Http.SendAsync(S3Request.For(HttpMethod.Delete, $"{credentials.Url}?uploadId={uploadId}", credentials));
        var fresh = await session.RequestCredentialsAsync();
        using var freshPut = await PutAsync(session, fresh, fresh.Url, "hello", "x-amz-checksum-crc32c", "mnG7TA==");

        Assert.Equal((400, "ExpiredToken"), ((int)put.StatusCode, await S3Tests.ErrorCodeAsync(put)));
        Assert.Equal((400, "ExpiredToken"), ((int)abort.StatusCode, await S3Tests.ErrorCodeAsync(abort)));
        Assert.Equal(200, (int)freshPut.StatusCode);
        Assert.Single(session.Emulator.OpenMultipartUploads);
    }

    [Fact]
    public async Task Credentials_never_expire_by_default()
    {
        var clock = new ManualClock();
        await using var session = await EmulatorSession.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.Zero, RateLimitPerMinute = 0, TimeProvider = clock });
        var credentials = await session.RequestCredentialsAsync();

        clock.Advance(TimeSpan.FromDays(30));
        using var put = await PutAsync(session, credentials, credentials.Url, "hello", "x-amz-checksum-crc32c", "mnG7TA==");

        Assert.Equal(200, (int)put.StatusCode);
    }

    [Fact]
    public async Task A_lifetime_that_is_not_positive_is_refused() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EmulatorServer.StartAsync(new EmulatorOptions { CredentialLifetime = TimeSpan.Zero }));

    private static Task<HttpResponseMessage> PutAsync(EmulatorSession session, Credentials credentials, string url, string body, string header, string value)
    {
        var put = S3Request.For(HttpMethod.Put, url, credentials);
        put.Content = new StringContent(body);
        if (header == "Content-MD5")
        {
            put.Content.Headers.TryAddWithoutValidation(header, value);
        }
        else
        {
            put.Headers.TryAddWithoutValidation(header, value);
        }

        return session.Http.SendAsync(put);
    }
}
