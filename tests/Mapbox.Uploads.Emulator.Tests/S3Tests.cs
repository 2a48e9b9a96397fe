using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace Mapbox.Uploads.Emulator.Tests;

public class S3Tests
{
    private const int SmallPartMinimum = 4;

    [Fact]
    public async Task Put_object_stores_the_bytes_and_answers_the_md5_etag()
    {
        await using var session = await EmulatorSession.StartAsync();
        var credentials = await session.RequestCredentialsAsync();
        using var put = S3Request.For(HttpMethod.Put, credentials.Url, credentials);
        put.Content = new StringContent("hello");

        using var response = await session.Http.SendAsync(put);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("\"5d41402abc4b2a76b9719d911017c592\"", response.Headers.ETag?.Tag);
        Assert.True(session.Emulator.TryGetStagedObject(credentials.Bucket, credentials.Key, out var content));
        Assert.Equal("hello", Encoding.UTF8.GetString(content));
    }

    [Theory]
    [InlineData("wrong-key-id", null, 403, "InvalidAccessKeyId")]
    [InlineData(null, "wrong-session-token", 403, "InvalidToken")]
    [InlineData(null, "", 403, "InvalidToken")]
    public async Task Put_object_is_refused_without_the_issued_key_id_and_session_token(
        string? accessKeyId, string? sessionToken, int status, string code)
    {
        await using var session = await EmulatorSession.StartAsync();
        var credentials = await session.RequestCredentialsAsync();
        using var put = S3Request.For(HttpMethod.Put, credentials.Url, credentials, accessKeyId, sessionToken);
        put.Content = new StringContent("hello");

        using var response = await session.Http.SendAsync(put);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, await ErrorCodeAsync(response));
        Assert.False(session.Emulator.TryGetStagedObject(credentials.Bucket, credentials.Key, out _));
    }

    [Fact]
    public async Task Put_object_without_authorization_is_access_denied()
    {
        await using var session = await EmulatorSession.StartAsync();
        var credentials = await session.RequestCredentialsAsync();

        using var response = await session.Http.PutAsync(credentials.Url, new StringContent("hello"));

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("AccessDenied", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Put_object_signed_for_another_region_is_malformed_authorization()
    {
        await using var session = await EmulatorSession.StartAsync();
        var credentials = await session.RequestCredentialsAsync();
        using var put = S3Request.For(HttpMethod.Put, credentials.Url, credentials, region: "eu-west-1");
        put.Content = new StringContent("hello");

        using var response = await session.Http.SendAsync(put);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal("AuthorizationHeaderMalformed", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Credentials_only_cover_the_key_they_were_issued_for()
    {
        await using var session = await EmulatorSession.StartAsync();
        var credentials = await session.RequestCredentialsAsync();
        var other = await session.RequestCredentialsAsync();
        using var put = S3Request.For(HttpMethod.Put, other.Url, credentials);
        put.Content = new StringContent("hello");

        using var response = await session.Http.SendAsync(put);

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("AccessDenied", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Unknown_bucket_is_no_such_bucket()
    {
        await using var session = await EmulatorSession.StartAsync();
        var credentials = await session.RequestCredentialsAsync();
        using var put = S3Request.For(HttpMethod.Put, $"{session.Emulator.BaseUrl}other-bucket/{credentials.Key}", credentials);
        put.Content = new StringContent("hello");

        using var response = await session.Http.SendAsync(put);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("NoSuchBucket", await ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Multipart_upload_joins_the_parts_in_order_and_closes_the_upload()
    {
        await using var session = await EmulatorSession.StartAsync(Options());
        var credentials = await session.RequestCredentialsAsync();

        var uploadId = await CreateMultipartAsync(session, credentials);
        Assert.Contains(uploadId, session.Emulator.OpenMultipartUploads);
        var etag1 = await UploadPartAsync(session, credentials, uploadId, 1, "first-");
        var etag2 = await UploadPartAsync(session, credentials, uploadId, 2, "second");
        using var listed = await session.Http.SendAsync(S3Request.For(HttpMethod.Get, $"{credentials.Url}?uploadId={uploadId}", credentials));
        var parts = XDocument.Parse(await listed.Content.ReadAsStringAsync()).Root!.Elements().Where(element => element.Name.LocalName == "Part");
        using var completed = await CompleteAsync(session, credentials, uploadId, (1, etag1), (2, etag2));

        Assert.Equal(2, parts.Count());
        Assert.Equal(200, (int)completed.StatusCode);
        var result = XDocument.Parse(await completed.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("CompleteMultipartUploadResult", result.Name.LocalName);
        Assert.EndsWith("-2\"", result.Elements().Single(element => element.Name.LocalName == "ETag").Value, StringComparison.Ordinal);
        Assert.True(session.Emulator.TryGetStagedObject(credentials.Bucket, credentials.Key, out var content));
        Assert.Equal("first-second", Encoding.UTF8.GetString(content));
        Assert.Empty(session.Emulator.OpenMultipartUploads);
    }

    [Fact]
    public async Task Multipart_part_under_the_minimum_other_than_the_last_is_entity_too_small()
    {
        await using var session = await EmulatorSession.StartAsync(Options());
        var credentials = await session.RequestCredentialsAsync();
        var uploadId = await CreateMultipartAsync(session, credentials);
        var etag1 = await UploadPartAsync(session, credentials, uploadId, 1, "abc");
        var etag2 = await UploadPartAsync(session, credentials, uploadId, 2, "d");

        using var completed = await CompleteAsync(session, credentials, uploadId, (1, etag1), (2, etag2));

        Assert.Equal(400, (int)completed.StatusCode);
        Assert.Equal("EntityTooSmall", await ErrorCodeAsync(completed));
        Assert.Contains(uploadId, session.Emulator.OpenMultipartUploads);
    }

    [Fact]
    public async Task Multipart_minimum_part_size_defaults_to_five_mebibytes()
    {
        await using var session = await EmulatorSession.StartAsync();
        var credentials = await session.RequestCredentialsAsync();
        var uploadId = await CreateMultipartAsync(session, credentials);
        var etag1 = await UploadPartAsync(session, credentials, uploadId, 1, "0123456789");
        var etag2 = await UploadPartAsync(session, credentials, uploadId, 2, "x");

        using var completed = await CompleteAsync(session, credentials, uploadId, (1, etag1), (2, etag2));

        Assert.Equal("EntityTooSmall", await ErrorCodeAsync(completed));
    }

    [Fact]
    public async Task Multipart_complete_with_a_wrong_etag_is_invalid_part()
    {
        await using var session = await EmulatorSession.StartAsync(Options());
        var credentials = await session.RequestCredentialsAsync();
        var uploadId = await CreateMultipartAsync(session, credentials);
        await UploadPartAsync(session, credentials, uploadId, 1, "first");

        using var completed = await CompleteAsync(session, credentials, uploadId, (1, "\"0000\""));

        Assert.Equal(400, (int)completed.StatusCode);
        Assert.Equal("InvalidPart", await ErrorCodeAsync(completed));
    }

    [Fact]
    public async Task Abort_clears_the_open_upload_and_later_parts_get_no_such_upload()
    {
        await using var session = await EmulatorSession.StartAsync(Options());
        var credentials = await session.RequestCredentialsAsync();
        var uploadId = await CreateMultipartAsync(session, credentials);

        using var aborted = await session.Http.SendAsync(S3Request.For(HttpMethod.Delete, $"{credentials.Url}?uploadId={uploadId}", credentials));
        using var part = S3Request.For(HttpMethod.Put, $"{credentials.Url}?partNumber=1&uploadId={uploadId}", credentials);
        part.Content = new StringContent("late");
        using var late = await session.Http.SendAsync(part);

        Assert.Equal(204, (int)aborted.StatusCode);
        Assert.Empty(session.Emulator.OpenMultipartUploads);
        Assert.Equal(404, (int)late.StatusCode);
        Assert.Equal("NoSuchUpload", await ErrorCodeAsync(late));
    }

    [Fact]
    public async Task Aws_chunked_bodies_are_unframed()
    {
        await using var session = await EmulatorSession.StartAsync();
        var credentials = await session.RequestCredentialsAsync();
        using var put = S3Request.For(HttpMethod.Put, credentials.Url, credentials);
        put.Headers.Remove("x-amz-content-sha256");
        put.Headers.Add("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        put.Headers.Add("x-amz-decoded-content-length", "11");
        put.Content = new StringContent("5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n");
        put.Content.Headers.ContentEncoding.Add("aws-chunked");

        using var response = await session.Http.SendAsync(put);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.True(session.Emulator.TryGetStagedObject(credentials.Bucket, credentials.Key, out var content));
        Assert.Equal("hello world", Encoding.UTF8.GetString(content));
    }

    private static EmulatorOptions Options() =>
        new() { ProcessingTime = TimeSpan.Zero, RateLimitPerMinute = 0, MinimumPartSize = SmallPartMinimum };

    private static async Task<string> CreateMultipartAsync(EmulatorSession session, Credentials credentials)
    {
        using var response = await session.Http.SendAsync(S3Request.For(HttpMethod.Post, $"{credentials.Url}?uploads", credentials));
        Assert.Equal(200, (int)response.StatusCode);
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("InitiateMultipartUploadResult", root.Name.LocalName);
        return root.Elements().Single(element => element.Name.LocalName == "UploadId").Value;
    }

    private static async Task<string> UploadPartAsync(EmulatorSession session, Credentials credentials, string uploadId, int partNumber, string content)
    {
        using var request = S3Request.For(HttpMethod.Put, $"{credentials.Url}?partNumber={partNumber}&uploadId={uploadId}", credentials);
        request.Content = new StringContent(content);
        using var response = await session.Http.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        return response.Headers.ETag!.Tag;
    }

    private static Task<HttpResponseMessage> CompleteAsync(
        EmulatorSession session, Credentials credentials, string uploadId, params (int PartNumber, string ETag)[] parts)
    {
        var body = new XElement(
            "CompleteMultipartUpload",
            parts.Select(part => new XElement("Part", new XElement("PartNumber", part.PartNumber), new XElement("ETag", part.ETag))));
        var request = S3Request.For(HttpMethod.Post, $"{credentials.Url}?uploadId={uploadId}", credentials);
        request.Content = new StringContent(body.ToString(), Encoding.UTF8, "application/xml");
        return session.Http.SendAsync(request);
    }

    internal static async Task<string> ErrorCodeAsync(HttpResponseMessage response)
    {
        var root = XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!;
        Assert.Equal("Error", root.Name.LocalName);
        return root.Element("Code")!.Value;
    }
}
