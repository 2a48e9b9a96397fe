using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Api;

public class SecretHandlingTests
{
    private readonly ClientFactory _factory = new();

    [Fact]
    public async Task Transport_failures_that_quote_the_url_are_redacted_in_message_ToString_and_log()
    {
        var handler = new RecordingHandler((request, _) => throw new HttpRequestException($"Failed to reach {request.Url.AbsoluteUri}"));
        using var client = _factory.Create(handler);

        var ex = await Assert.ThrowsAsync<MapboxApiException>(() => client.GetStatusAsync("u1"));

        TestTokens.AssertNoSecret(ex.Message);
        TestTokens.AssertNoSecret(ex.ToString());
        Assert.Contains("access_token=***", ex.Message);
        Assert.NotEmpty(_factory.Log);
        Assert.All(_factory.Log, entry =>
        {
            TestTokens.AssertNoSecret(entry.RedactedUrl);
            TestTokens.AssertNoSecret(entry.Error);
            TestTokens.AssertNoSecret(entry.ToString());
            Assert.Contains("access_token=***", entry.RedactedUrl);
        });
    }

    [Fact]
    public async Task A_service_message_that_echoes_the_token_is_redacted()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.Unauthorized, $"{{\"message\":\"Invalid token {TestTokens.Raw()}\"}}"));
        using var client = _factory.Create(handler);

        var ex = await Assert.ThrowsAsync<MapboxApiException>(() => client.RequestCredentialsAsync());

        TestTokens.AssertNoSecret(ex.Message);
        TestTokens.AssertNoSecret(ex.ServiceMessage);
        TestTokens.AssertNoSecret(ex.ToString());
    }

    [Fact]
    public async Task RequestLogged_gets_method_redacted_url_status_and_attempt_for_every_attempt()
    {
        var handler = new RecordingHandler((_, index) => index == 0
            ? RecordingHandler.Status(HttpStatusCode.ServiceUnavailable)
            : RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("u1")));
        using var client = _factory.Create(handler);

        await client.GetStatusAsync("u1");

        var entries = _factory.Log.ToArray();
        Assert.Equal(2, entries.Length);
        Assert.Equal(new int?[] { 503, 200 }, entries.Select(e => e.StatusCode));
        Assert.Equal(new[] { 1, 2 }, entries.Select(e => e.Attempt));
        Assert.All(entries, e =>
        {
            Assert.Equal("GET", e.Method);
            Assert.Equal(UploadsOperations.Status, e.Operation);
            Assert.Equal("https://api.example.test/uploads/v1/alice/u1?access_token=***", e.RedactedUrl);
        });
    }

    [Theory]
    [InlineData("http://api.mapbox.com")]
    [InlineData("http://10.0.0.5:8080")]
    [InlineData("ftp://api.mapbox.com")]
    public void A_clear_text_api_address_off_this_machine_is_refused_before_any_request(string url)
    {
        var handler = new RecordingHandler((_, _) => throw new InvalidOperationException("no request expected"));

        var ex = Assert.Throws<ArgumentException>(() => _factory.Create(handler, o => o.ApiBaseUrl = new Uri(url)));

        Assert.Contains("https://", ex.Message);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5799")]
    [InlineData("http://127.1.2.3")]
    [InlineData("http://localhost:5000/")]
    [InlineData("http://[::1]:5000")]
    public async Task Clear_text_to_a_loopback_host_is_allowed(string url)
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Status(HttpStatusCode.NoContent));
        using var client = _factory.Create(handler, o => o.ApiBaseUrl = new Uri(url));

        await client.DeleteAsync("u1");

        Assert.Single(handler.Requests);
    }

    [Fact]
    public void A_clear_text_staging_endpoint_off_this_machine_is_refused()
    {
        var handler = new RecordingHandler((_, _) => throw new InvalidOperationException("no request expected"));

        Assert.Throws<ArgumentException>(() => _factory.Create(handler, o => o.StagingEndpoint = new Uri("http://s3.example.test")));
    }

    [Fact]
    public async Task Clear_text_staging_urls_from_the_credentials_are_refused_before_S3_sees_the_session_token()
    {
        using var file = TempFile.WithText("{}");
        var handler = new RecordingHandler((request, _) => request.Path.EndsWith("/credentials", StringComparison.Ordinal)
            ? RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Credentials.Replace("https://tilestream-tilesets-production.s3.amazonaws.com", "http://s3.example.test/tilestream-tilesets-production"))
            : throw new InvalidOperationException("no S3 request expected"));
        using var client = _factory.Create(handler);

        var ex = await Assert.ThrowsAsync<StagingException>(() => client.StageAsync(file.Path));

        Assert.Contains("https://", ex.Message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public void Credentials_and_staging_failures_never_show_the_secret_or_session_token()
    {
        var credentials = new StagingCredentials("ASIAKEY", "SECRETzz", "SESSIONzz", "bucket", "key", "https://bucket.s3.amazonaws.com/key");
        var failure = new Mapbox.Uploads.Http.FailedResponse(
            403,
            "<Error><Code>InvalidToken</Code><Message>The provided token is malformed SESSIONzz</Message><Token-0>SESSIONzz</Token-0><CanonicalRequest>x-amz-security-token:SESSIONzz</CanonicalRequest></Error>",
            null,
            false,
            1,
            null);

        var ex = Mapbox.Uploads.Staging.S3Errors.From("put object", failure, credentials);

        Assert.Equal("InvalidToken", ex.S3ErrorCode);
        Assert.Equal(403, ex.StatusCode);
        foreach (var text in new[] { ex.Message, ex.ToString(), credentials.ToString() })
        {
            Assert.DoesNotContain("SECRETzz", text);
            Assert.DoesNotContain("SESSIONzz", text);
        }
    }
}
