using System;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

public class TokenTests
{
    [Fact]
    public async Task Minted_token_looks_real_and_carries_the_username_as_u()
    {
        await using var session = await EmulatorSession.StartAsync();

        var parts = session.Token.Split('.');

        Assert.Equal(3, parts.Length);
        Assert.Equal("sk", parts[0]);
        var payload = parts[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(payload)));
        Assert.Equal("alice", json.RootElement.GetProperty("u").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("a").GetString()));
        Assert.True(parts[2].Length >= 16);
    }

    [Fact]
    public async Task Token_with_only_public_scopes_is_a_pk_token_and_gets_403_on_uploads()
    {
        await using var session = await EmulatorSession.StartAsync();
        var publicToken = session.Emulator.MintToken("alice", "styles:tiles");

        using var response = await session.Http.PostAsync(session.ApiPath("/credentials", publicToken), null);

        Assert.StartsWith("pk.", publicToken, StringComparison.Ordinal);
        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal("This endpoint requires a token with uploads:write scope", await EmulatorSession.ReadMessageAsync(response));
    }

    [Fact]
    public async Task Missing_token_is_401()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.Http.PostAsync("uploads/v1/alice/credentials", null);

        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public async Task Unknown_and_revoked_tokens_are_401()
    {
        await using var session = await EmulatorSession.StartAsync();
        var other = await EmulatorServer.StartAsync();
        var foreign = other.MintToken("alice");
        await other.DisposeAsync();
        var revoked = session.Emulator.MintToken("alice");
        session.Emulator.RevokeToken(revoked);

        using var unknownResponse = await session.Http.GetAsync(session.ApiPath(token: foreign));
        using var revokedResponse = await session.Http.GetAsync(session.ApiPath(token: revoked));

        Assert.Equal(401, (int)unknownResponse.StatusCode);
        Assert.Equal(401, (int)revokedResponse.StatusCode);
        Assert.Equal("Not Authorized - Invalid Token", await EmulatorSession.ReadMessageAsync(unknownResponse));
    }

    [Theory]
    [InlineData("uploads:read", "POST", "/credentials", "uploads:write")]
    [InlineData("uploads:read", "POST", "", "uploads:write")]
    [InlineData("uploads:write", "GET", "", "uploads:list")]
    [InlineData("uploads:write", "GET", "/cabcdefghijklmnopqrstuvwx", "uploads:read")]
    [InlineData("uploads:read", "DELETE", "/cabcdefghijklmnopqrstuvwx", "uploads:write")]
    public async Task Each_route_needs_its_scope_and_answers_403_without_it(string granted, string method, string suffix, string needed)
    {
        await using var session = await EmulatorSession.StartAsync();
        var token = session.Emulator.MintToken("alice", granted);

        using var response = await session.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), session.ApiPath(suffix, token)));

        Assert.Equal(403, (int)response.StatusCode);
        Assert.Equal($"This endpoint requires a token with {needed} scope", await EmulatorSession.ReadMessageAsync(response));
    }

    [Fact]
    public async Task Token_of_another_account_is_403_on_this_accounts_path()
    {
        await using var session = await EmulatorSession.StartAsync();
        var bobsToken = session.Emulator.MintToken("bob");

        using var response = await session.Http.PostAsync(session.ApiPath("/credentials", bobsToken), null);

        Assert.Equal(403, (int)response.StatusCode);
    }

    [Fact]
    public async Task Tokens_are_unique_per_mint()
    {
        await using var session = await EmulatorSession.StartAsync();

        var tokens = Enumerable.Range(0, 20).Select(_ => session.Emulator.MintToken("alice")).ToHashSet();

        Assert.Equal(20, tokens.Count);
    }
}
