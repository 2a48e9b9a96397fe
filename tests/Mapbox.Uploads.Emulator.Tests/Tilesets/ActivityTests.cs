using System;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests.Tilesets;

/// <summary>
/// <c>GET /activity/v1/{username}/tilesets</c>, the refusals the <c>tilesets</c> CLI's conformance run does not
/// reach (that run pages it with every option).
/// </summary>
public class ActivityTests
{
    [Theory]
    [InlineData("sortby=size")]
    [InlineData("orderby=up")]
    public async Task An_unknown_sort_or_order_is_refused_with_422(string query)
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        var token = emulator.MintToken("alice", [.. EmulatorServer.TilesetScopes]);

        using var response = await http.GetAsync($"activity/v1/alice/tilesets?{query}&access_token={token}");

        Assert.Equal((HttpStatusCode)422, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("sortby", body.RootElement.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_without_tilesets_list_is_refused_with_403()
    {
        await using var emulator = await EmulatorServer.StartAsync();
        using var http = new HttpClient { BaseAddress = emulator.BaseUrl };
        var token = emulator.MintToken("alice", "tilesets:read");

        using var response = await http.GetAsync($"activity/v1/alice/tilesets?access_token={token}");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
