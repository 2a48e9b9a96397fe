using System;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

public class CredentialsTests
{
    [Fact]
    public async Task Credentials_name_a_fresh_pending_key_and_a_path_style_url_on_the_same_port()
    {
        await using var session = await EmulatorSession.StartAsync();

        var first = await session.RequestCredentialsAsync();
        var second = await session.RequestCredentialsAsync();

        Assert.StartsWith("_pending/alice/", first.Key, StringComparison.Ordinal);
        Assert.NotEqual(first.Key, second.Key);
        Assert.NotEqual(first.AccessKeyId, second.AccessKeyId);
        Assert.NotEqual(first.SessionToken, second.SessionToken);
        Assert.StartsWith("ASIA", first.AccessKeyId, StringComparison.Ordinal);
        Assert.Equal(40, first.SecretAccessKey.Length);
        Assert.Equal(session.Emulator.Bucket, first.Bucket);
        Assert.Equal($"{session.Emulator.BaseUrl}{first.Bucket}/{first.Key}", first.Url);
    }

    [Fact]
    public async Task Get_on_credentials_is_405_because_the_route_has_been_post_only_since_2017()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.Http.GetAsync(session.ApiPath("/credentials"));

        Assert.Equal(405, (int)response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Base_url_is_loopback_with_the_real_port()
    {
        await using var session = await EmulatorSession.StartAsync();

        Assert.Equal("127.0.0.1", session.Emulator.BaseUrl.Host);
        Assert.NotEqual(0, session.Emulator.BaseUrl.Port);
        Assert.EndsWith("/", session.Emulator.BaseUrl.ToString(), StringComparison.Ordinal);
    }
}
