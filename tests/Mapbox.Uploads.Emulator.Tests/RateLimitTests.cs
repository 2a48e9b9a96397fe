using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

public class RateLimitTests
{
    [Fact]
    public async Task Api_answers_carry_the_three_rate_limit_headers()
    {
        var clock = new ManualClock();
        await using var session = await EmulatorSession.StartAsync(new EmulatorOptions { TimeProvider = clock });

        using var response = await session.Http.GetAsync(session.ApiPath());

        Assert.Equal("60", Header(response, "X-Rate-Limit-Interval"));
        Assert.Equal("60", Header(response, "X-Rate-Limit-Limit"));
        Assert.Equal(ResetHeader(clock.GetUtcNow() + TimeSpan.FromMinutes(1)), Header(response, "X-Rate-Limit-Reset"));
    }

    [Fact]
    public async Task Requests_over_the_limit_get_429_until_the_window_resets()
    {
        var clock = new ManualClock();
        await using var session = await EmulatorSession.StartAsync(new EmulatorOptions { TimeProvider = clock, RateLimitPerMinute = 3 });

        var statuses = new int[4];
        for (var index = 0; index < statuses.Length; index++)
        {
            using var response = await session.Http.GetAsync(session.ApiPath());
            statuses[index] = (int)response.StatusCode;
            if (index == 3)
            {
                Assert.Equal("{\"message\":\"Too Many Requests\"}", await response.Content.ReadAsStringAsync());
            }
        }
        clock.Advance(TimeSpan.FromMinutes(1));
        using var afterReset = await session.Http.GetAsync(session.ApiPath());

        Assert.Equal([200, 200, 200, 429], statuses);
        Assert.Equal(200, (int)afterReset.StatusCode);
    }

    [Fact]
    public async Task Limit_counts_per_token()
    {
        await using var session = await EmulatorSession.StartAsync(new EmulatorOptions { RateLimitPerMinute = 1 });
        var otherToken = session.Emulator.MintToken("alice");

        using var first = await session.Http.GetAsync(session.ApiPath());
        using var second = await session.Http.GetAsync(session.ApiPath());
        using var otherTokens = await session.Http.GetAsync(session.ApiPath(token: otherToken));

        Assert.Equal(429, (int)second.StatusCode);
        Assert.Equal(200, (int)otherTokens.StatusCode);
    }

    [Fact]
    public async Task S3_requests_are_not_counted()
    {
        await using var session = await EmulatorSession.StartAsync(new EmulatorOptions { RateLimitPerMinute = 2, ProcessingTime = TimeSpan.Zero });

        var url = await session.StageAsync("a,b\n1,2\n");
        using var create = await session.CreateAsync("alice.roads", url);

        Assert.Equal(201, (int)create.StatusCode);
        Assert.False(session.Emulator.Requests.Single(request => request.Route == EmulatorRoute.S3).StatusCode == 429);
    }

    [Fact]
    public async Task Zero_turns_the_limit_and_its_headers_off()
    {
        await using var session = await EmulatorSession.StartAsync(new EmulatorOptions { RateLimitPerMinute = 0 });

        for (var index = 0; index < 70; index++)
        {
            using var response = await session.Http.GetAsync(session.ApiPath());
            Assert.Equal(200, (int)response.StatusCode);
            Assert.False(response.Headers.Contains("X-Rate-Limit-Limit"));
        }
    }

    /// <summary>The reset is rounded up to the second, so a client that waits until then is never early.</summary>
    internal static string ResetHeader(DateTimeOffset reset) =>
        ((reset.ToUnixTimeMilliseconds() + 999) / 1000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();
}
