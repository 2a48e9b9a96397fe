using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

public class ListTests
{
    [Fact]
    public async Task List_pages_newest_first_through_link_headers_until_none_is_left()
    {
        await using var session = await EmulatorSession.StartAsync();
        var created = await CreateUploadsAsync(session, 7);

        var (ids, pages) = await FollowPagesAsync(session, session.ApiPath(query: "&limit=3"));

        Assert.Equal(Enumerable.Reverse(created), ids);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Link_is_absolute_and_keeps_the_request_query_access_token_included_with_start_moved()
    {
        await using var session = await EmulatorSession.StartAsync();
        await CreateUploadsAsync(session, 3);

        using var response = await session.Http.GetAsync(session.ApiPath(query: "&limit=2"));
        var next = NextLink(response)!;

        Assert.StartsWith($"{session.Emulator.BaseUrl}uploads/v1/alice?", next, StringComparison.Ordinal);
        Assert.Contains($"access_token={Uri.EscapeDataString(session.Token)}", next, StringComparison.Ordinal);
        Assert.Contains("limit=2", next, StringComparison.Ordinal);
        Assert.Contains("start=", next, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reverse_true_lists_oldest_first_and_the_link_keeps_the_order()
    {
        await using var session = await EmulatorSession.StartAsync();
        var created = await CreateUploadsAsync(session, 5);

        var (ids, pages) = await FollowPagesAsync(session, session.ApiPath(query: "&limit=2&reverse=true"));

        Assert.Equal(created, ids);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Bare_reverse_lists_oldest_first()
    {
        await using var session = await EmulatorSession.StartAsync();
        var created = await CreateUploadsAsync(session, 3);

        var (ids, _) = await FollowPagesAsync(session, session.ApiPath(query: "&reverse"));

        Assert.Equal(created, ids);
    }

    [Fact]
    public async Task Repeated_query_parameters_are_accepted_and_the_last_one_wins()
    {
        await using var session = await EmulatorSession.StartAsync();
        await CreateUploadsAsync(session, 4);

        using var response = await session.Http.GetAsync(session.ApiPath(query: $"&limit=1&limit=3&reverse=false&reverse&access_token={session.Token}"));
        var page = await EmulatorSession.ReadJsonAsync(response);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(3, page.GetArrayLength());
    }

    [Theory]
    [InlineData("101")]
    [InlineData("0")]
    [InlineData("ten")]
    public async Task Limit_outside_1_to_100_is_422(string limit)
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.Http.GetAsync(session.ApiPath(query: $"&limit={limit}"));

        Assert.Equal(422, (int)response.StatusCode);
    }

    [Fact]
    public async Task Default_page_is_the_configured_list_limit()
    {
        await using var session = await EmulatorSession.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.Zero, RateLimitPerMinute = 0, DefaultListLimit = 2 });
        await CreateUploadsAsync(session, 3);

        using var response = await session.Http.GetAsync(session.ApiPath());

        Assert.Equal(2, (await EmulatorSession.ReadJsonAsync(response)).GetArrayLength());
        Assert.NotNull(NextLink(response));
    }

    [Fact]
    public async Task Cursor_of_a_deleted_upload_still_continues_after_it()
    {
        await using var session = await EmulatorSession.StartAsync();
        var created = await CreateUploadsAsync(session, 3);
        using var deleted = await session.Http.DeleteAsync(session.ApiPath($"/{created[1]}"));

        using var response = await session.Http.GetAsync(session.ApiPath(query: $"&start={created[1]}"));
        var page = await EmulatorSession.ReadJsonAsync(response);

        Assert.Equal([created[0]], page.EnumerateArray().Select(upload => upload.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Unknown_cursor_is_422()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.Http.GetAsync(session.ApiPath(query: "&start=cnotanuploadidnotanupload"));

        Assert.Equal(422, (int)response.StatusCode);
    }

    [Fact]
    public async Task List_shows_only_the_accounts_own_uploads()
    {
        await using var session = await EmulatorSession.StartAsync();
        await CreateUploadsAsync(session, 2);
        var bobsToken = session.Emulator.MintToken("bob");

        using var response = await session.Http.GetAsync($"uploads/v1/bob?access_token={bobsToken}");

        Assert.Equal(0, (await EmulatorSession.ReadJsonAsync(response)).GetArrayLength());
    }

    internal static async Task<List<string>> CreateUploadsAsync(EmulatorSession session, int count)
    {
        var ids = new List<string>();
        for (var index = 0; index < count; index++)
        {
            ids.Add(await session.CreateUploadAsync($"tileset{index}"));
        }
        return ids;
    }

    private static async Task<(List<string> Ids, int Pages)> FollowPagesAsync(EmulatorSession session, string firstUrl)
    {
        var ids = new List<string>();
        var pages = 0;
        for (var url = firstUrl; url is not null && pages < 20; pages++)
        {
            using var response = await session.Http.GetAsync(url);
            Assert.Equal(200, (int)response.StatusCode);
            ids.AddRange((await EmulatorSession.ReadJsonAsync(response)).EnumerateArray().Select(upload => upload.GetProperty("id").GetString()!));
            url = NextLink(response);
        }
        return (ids, pages);
    }

    private static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }
        var link = values.Single();
        Assert.EndsWith(">; rel=\"next\"", link, StringComparison.Ordinal);
        return link[1..link.IndexOf('>', StringComparison.Ordinal)];
    }
}
