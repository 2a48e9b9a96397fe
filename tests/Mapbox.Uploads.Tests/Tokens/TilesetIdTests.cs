using System;

namespace Mapbox.Uploads.Tests.Tokens;

public class TilesetIdTests
{
    [Fact]
    public void A_bare_id_gets_the_default_owner()
    {
        var tileset = TilesetId.Parse("roads", "alice");

        Assert.Equal("alice", tileset.Owner);
        Assert.Equal("roads", tileset.Id);
        Assert.Equal("alice.roads", tileset.ToString());
    }

    [Fact]
    public void An_owner_dot_id_is_taken_as_is()
    {
        Assert.Equal("bob.Roads_2-x", TilesetId.Parse("bob.Roads_2-x", "alice").ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("has space")]
    [InlineData("a.b.c")]
    [InlineData("alice.")]
    [InlineData(".roads")]
    [InlineData("roads!")]
    [InlineData("ünïcode")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456")]
    public void Invalid_ids_are_refused_with_a_reason(string mapId)
    {
        Assert.False(TilesetId.TryParse(mapId, "alice", out var tileset, out var error));
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Equal(default, tileset);
        Assert.Throws<FormatException>(() => TilesetId.Parse(mapId, "alice"));
    }

    [Fact]
    public void Thirty_two_characters_is_the_longest_id()
    {
        var id = new string('a', 32);

        Assert.True(TilesetId.TryParse(id, "alice", out var tileset, out var error));
        Assert.Null(error);
        Assert.Equal(id, tileset.Id);
        Assert.Contains("32", Assert.Throws<FormatException>(() => TilesetId.Parse(id + "a", "alice")).Message);
    }

    [Fact]
    public void Names_are_checked_against_64_characters()
    {
        Assert.Equal(64, TilesetId.MaxNameLength);
        Assert.Null(TilesetId.CheckName(null));
        Assert.Null(TilesetId.CheckName(new string('n', 64)));
        Assert.Contains("64", TilesetId.CheckName(new string('n', 65)));
    }

    [Fact]
    public void Equality_is_by_owner_and_id()
    {
        Assert.Equal(TilesetId.Parse("alice.roads", "x"), TilesetId.Parse("roads", "alice"));
        Assert.True(TilesetId.Parse("roads", "alice") != TilesetId.Parse("Roads", "alice"));
    }
}
