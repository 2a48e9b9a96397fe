using System;
using System.IO;
using System.Net.Http;
using System.Threading.Tasks;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Api;

public class TransportFailureSecretTests
{
    private readonly ClientFactory _factory = new();

    [Fact]
    public async Task An_inner_exception_that_quotes_the_url_is_rebuilt_redacted_and_of_the_same_kind()
    {
        var handler = new RecordingHandler((request, _) => throw new HttpRequestException($"Failed to reach {request.Url.AbsoluteUri}"));
        using var client = _factory.Create(handler);

        var ex = await Assert.ThrowsAsync<MapboxApiException>(() => client.GetStatusAsync("u1"));

        var inner = Assert.IsType<HttpRequestException>(ex.InnerException);
        TestTokens.AssertNoSecret(inner.Message);
        TestTokens.AssertNoSecret(inner.ToString());
        Assert.Contains("access_token=***", inner.Message);
    }

    [Fact]
    public async Task An_inner_exception_without_secrets_is_kept_as_thrown()
    {
        var thrown = new IOException("Connection reset by peer");
        var handler = new RecordingHandler((_, _) => throw thrown);
        using var client = _factory.Create(handler);

        var ex = await Assert.ThrowsAsync<MapboxApiException>(() => client.GetStatusAsync("u1"));

        Assert.Same(thrown, ex.InnerException);
    }
}
