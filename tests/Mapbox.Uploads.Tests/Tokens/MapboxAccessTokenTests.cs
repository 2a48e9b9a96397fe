using System;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Tokens;

public class MapboxAccessTokenTests
{
    [Theory]
    [InlineData("pk")]
    [InlineData("sk")]
    [InlineData("tk")]
    public void Parse_reads_the_username_from_the_payload_of_every_kind(string kind)
    {
        var token = MapboxAccessToken.Parse(TestTokens.Raw("bob", kind));

        Assert.Equal("bob", token.Username);
        Assert.Equal(kind, token.Kind);
    }

    [Fact]
    public void Parse_ignores_surrounding_white_space_as_pasted_into_an_environment_variable()
    {
        Assert.Equal("alice", MapboxAccessToken.Parse("  " + TestTokens.Raw() + "\n").Username);
    }

    [Fact]
    public void ToString_shows_kind_and_username_but_never_the_token()
    {
        var token = TestTokens.Token();

        Assert.Equal("sk.*** (alice)", token.ToString());
        TestTokens.AssertNoSecret(token.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("sk")]
    [InlineData("sk.onlytwo")]
    [InlineData("xx.eyJ1IjoiYWxpY2UifQ.sig")]
    [InlineData("sk.!!!notbase64!!!.sig")]
    [InlineData("sk.bm90IGpzb24.sig")]
    [InlineData("sk.eyJ1IjoiYWxpY2UifQ.")]
    [InlineData("sk.eyJ1IjoiYWxpY2UifQ.sig.extra")]
    public void Malformed_tokens_are_refused_without_echoing_the_input(string value)
    {
        var ex = Assert.Throws<InvalidMapboxTokenException>(() => MapboxAccessToken.Parse(value));

        Assert.Equal(InvalidMapboxTokenReason.Malformed, ex.Reason);
        Assert.IsAssignableFrom<FormatException>(ex);
        if (value.Length > 3)
        {
            Assert.DoesNotContain(value, ex.Message, StringComparison.Ordinal);
        }

        Assert.False(MapboxAccessToken.TryParse(value, out var token));
        Assert.Null(token);
    }

    [Theory]
    [InlineData("{\"a\":\"x\"}")]
    [InlineData("{\"u\":\"\"}")]
    [InlineData("{\"u\":42}")]
    public void A_payload_without_a_username_is_reported_as_such(string payload)
    {
        var raw = "sk." + TestTokens.Base64Url(payload) + ".signature";

        var ex = Assert.Throws<InvalidMapboxTokenException>(() => MapboxAccessToken.Parse(raw));

        Assert.Equal(InvalidMapboxTokenReason.MissingUsername, ex.Reason);
        Assert.DoesNotContain(raw, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_of_null_is_false()
    {
        Assert.False(MapboxAccessToken.TryParse(null, out _));
    }

    [Fact]
    public void FromEnvironment_reads_the_named_variable_and_returns_null_when_unset_or_blank()
    {
        var name = "MBX_TEST_TOKEN_" + Guid.NewGuid().ToString("N");
        try
        {
            Assert.Null(MapboxAccessToken.FromEnvironment(name));
            Environment.SetEnvironmentVariable(name, "   ");
            Assert.Null(MapboxAccessToken.FromEnvironment(name));
            Environment.SetEnvironmentVariable(name, TestTokens.Raw("carol"));
            Assert.Equal("carol", MapboxAccessToken.FromEnvironment(name)!.Username);
            Environment.SetEnvironmentVariable(name, "garbage");
            Assert.Throws<InvalidMapboxTokenException>(() => MapboxAccessToken.FromEnvironment(name));
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void FromEnvironment_falls_back_to_MapboxAccessToken_only_for_the_default_variable()
    {
        var primary = Environment.GetEnvironmentVariable("MAPBOX_ACCESS_TOKEN");
        var fallback = Environment.GetEnvironmentVariable("MapboxAccessToken");
        try
        {
            Environment.SetEnvironmentVariable("MAPBOX_ACCESS_TOKEN", null);
            Environment.SetEnvironmentVariable("MapboxAccessToken", TestTokens.Raw("dave"));
            Assert.Equal("dave", MapboxAccessToken.FromEnvironment()!.Username);

            Environment.SetEnvironmentVariable("MAPBOX_ACCESS_TOKEN", TestTokens.Raw("erin"));
            Assert.Equal("erin", MapboxAccessToken.FromEnvironment()!.Username);

            Assert.Null(MapboxAccessToken.FromEnvironment("MBX_UNSET_" + Guid.NewGuid().ToString("N")));
        }
        finally
        {
            Environment.SetEnvironmentVariable("MAPBOX_ACCESS_TOKEN", primary);
            Environment.SetEnvironmentVariable("MapboxAccessToken", fallback);
        }
    }
}
