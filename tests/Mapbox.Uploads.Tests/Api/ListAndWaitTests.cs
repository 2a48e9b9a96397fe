using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Api;

public class ListAndWaitTests
{
    private readonly ClientFactory _factory = new();

    private static async Task<List<Upload>> ToListAsync(IAsyncEnumerable<Upload> uploads)
    {
        var list = new List<Upload>();
        await foreach (var upload in uploads)
        {
            list.Add(upload);
        }

        return list;
    }

    [Fact]
    public async Task List_follows_Link_next_across_pages_even_after_a_short_page()
    {
        // Page 2 is shorter than the limit yet not the last: only a missing Link ends the list.
        var pages = new[]
        {
            (Ids: new[] { "a1", "a2" }, Next: "<https://api.example.test/uploads/v1/alice?limit=2&start=a2&access_token=" + TestTokens.Raw() + ">; rel=\"next\""),
            (Ids: new[] { "b1" }, Next: "</uploads/v1/alice?limit=2&start=b1>; rel=\"next\", <https://api.example.test/other>; rel=\"prev\""),
            (Ids: new[] { "c1", "c2" }, Next: (string?)null),
        };
        var handler = new RecordingHandler((_, index) => RecordingHandler.Json(
            HttpStatusCode.OK,
            "[" + string.Join(",", pages[index].Ids.Select(id => UploadJson.Of(id))) + "]",
            r =>
            {
                if (pages[index].Next is { } link)
                {
                    r.Headers.TryAddWithoutValidation("Link", link);
                }
            }));
        using var client = _factory.Create(handler);

        var uploads = await ToListAsync(client.ListAsync(new ListUploadsOptions { PageSize = 2, Reverse = true }));

        Assert.Equal(new[] { "a1", "a2", "b1", "c1", "c2" }, uploads.Select(u => u.Id));
        Assert.Equal(3, handler.Requests.Count);
        Assert.All(handler.Requests, r => Assert.Equal("GET", r.Method));
        Assert.Equal("?access_token=" + TestTokens.Raw() + "&reverse=true&limit=2", handler.Requests[0].Query);
        Assert.Equal("?limit=2&start=a2&access_token=" + TestTokens.Raw(), handler.Requests[1].Query);
        Assert.Equal("/uploads/v1/alice", handler.Requests[2].Path);
        Assert.Equal("?limit=2&start=b1&access_token=" + TestTokens.Raw(), handler.Requests[2].Query);
    }

    [Fact]
    public async Task List_does_not_send_the_token_to_a_next_link_on_another_host()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(
            HttpStatusCode.OK,
            "[" + UploadJson.Of("a1") + "]",
            r => r.Headers.TryAddWithoutValidation("Link", "<https://evil.example.test/uploads/v1/alice?start=a1>; rel=\"next\"")));
        using var client = _factory.Create(handler);

        var ex = await Assert.ThrowsAsync<MapboxApiException>(() => ToListAsync(client.ListAsync()));

        Assert.Contains("another host", ex.Message);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task List_stops_when_the_service_links_back_to_a_page_already_read()
    {
        var handler = new RecordingHandler((request, _) => RecordingHandler.Json(
            HttpStatusCode.OK,
            "[" + UploadJson.Of("a1") + "]",
            r => r.Headers.TryAddWithoutValidation("Link", "<" + request.Url.AbsoluteUri + ">; rel=\"next\"")));
        using var client = _factory.Create(handler);

        await Assert.ThrowsAsync<MapboxApiException>(() => ToListAsync(client.ListAsync()));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public void List_limit_is_1_to_100()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ListUploadsOptions { PageSize = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ListUploadsOptions { PageSize = 101 });
        Assert.Equal(100, new ListUploadsOptions { PageSize = 100 }.PageSize);
    }

    [Fact]
    public async Task Wait_polls_with_growing_intervals_and_reports_the_service_progress()
    {
        var states = new[] { UploadJson.Of("u1", progress: 0), UploadJson.Of("u1", progress: 0.5), UploadJson.Of("u1", progress: 0.9), UploadJson.Of("u1", complete: true, progress: 1) };
        var handler = new RecordingHandler((_, index) => RecordingHandler.Json(HttpStatusCode.OK, states[index]));
        using var client = _factory.Create(handler, o =>
        {
            o.PollInterval = TimeSpan.FromSeconds(1);
            o.MaxPollInterval = TimeSpan.FromSeconds(2);
        });
        var reported = new List<double>();

        var final = await client.WaitForCompletionAsync("u1", TimeSpan.FromMinutes(5), new SynchronousProgress<Upload>(u => reported.Add(u.Progress)));

        Assert.True(final.Succeeded);
        Assert.Equal(new[] { 0, 0.5, 0.9, 1 }, reported);
        Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(2) }, _factory.Delays);
    }

    [Fact]
    public async Task Wait_returns_a_failed_upload_rather_than_throwing()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("u1", error: "Unknown filetype")));
        using var client = _factory.Create(handler);

        var final = await client.WaitForCompletionAsync("u1", TimeSpan.FromMinutes(1));

        Assert.True(final.Failed);
        Assert.Equal("Unknown filetype", final.Error);
    }

    [Fact]
    public async Task Wait_without_bound_takes_TimeSpan_MaxValue_and_InfiniteTimeSpan()
    {
        var handler = new RecordingHandler((_, index) => RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("u1", complete: index % 2 == 1, progress: 1)));
        using var client = _factory.Create(handler);

        var first = await client.WaitForCompletionAsync("u1", TimeSpan.MaxValue);
        var second = await client.WaitForCompletionAsync(new[] { "u1" }, System.Threading.Timeout.InfiniteTimeSpan);

        Assert.True(first.Succeeded);
        Assert.True(Assert.Single(second).Succeeded);
        Assert.Equal(4, handler.Requests.Count);
    }

    [Theory]
    [InlineData("de-DE")]
    [InlineData("tr-TR")]
    public async Task Messages_format_numbers_invariantly_whatever_the_machine_culture(string culture)
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("u1", progress: 0.3)));
        using var client = _factory.Create(handler);
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo(culture);
        try
        {
            var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.WaitForCompletionAsync("u1", TimeSpan.Zero));

            Assert.Contains("(30%) after 00:00:00.", ex.Message);
            Assert.Equal("1048576/4194304 bytes (25%)", new StagingProgress(1048576, 4194304).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public async Task Wait_throws_TimeoutException_past_the_bound()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("u1", progress: 0.3)));
        using var client = _factory.Create(handler);

        var ex = await Assert.ThrowsAsync<TimeoutException>(() => client.WaitForCompletionAsync("u1", TimeSpan.Zero));

        Assert.Contains("u1", ex.Message);
        Assert.Single(handler.Requests);
    }
}

internal sealed class SynchronousProgress<T> : IProgress<T>
{
    private readonly Action<T> _report;

    public SynchronousProgress(Action<T> report) => _report = report;

    public void Report(T value) => _report(value);
}
