using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

public class FaultTests
{
    [Fact]
    public async Task Server_error_rule_hits_the_first_n_requests_of_its_route_only()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Faults.FailNext(EmulatorRoute.Credentials, times: 2, statusCode: 502);

        using var list = await session.Http.GetAsync(session.ApiPath());
        var statuses = new List<int>();
        for (var index = 0; index < 3; index++)
        {
            using var response = await session.Http.PostAsync(session.ApiPath("/credentials"), null);
            statuses.Add((int)response.StatusCode);
        }

        Assert.Equal(200, (int)list.StatusCode);
        Assert.Equal([502, 502, 200], statuses);
    }

    [Fact]
    public async Task Server_error_on_s3_answers_s3_error_xml()
    {
        await using var session = await EmulatorSession.StartAsync();
        var credentials = await session.RequestCredentialsAsync();
        session.Emulator.Faults.FailNext(EmulatorRoute.S3);
        using var put = S3Request.For(HttpMethod.Put, credentials.Url, credentials);
        put.Content = new StringContent("hello");

        using var response = await session.Http.SendAsync(put);

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal("ServiceUnavailable", await S3Tests.ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Dropped_connection_mid_body_fails_the_request_and_stages_nothing()
    {
        await using var session = await EmulatorSession.StartAsync();
        var credentials = await session.RequestCredentialsAsync();
        session.Emulator.Faults.DropNext(EmulatorRoute.S3, afterBytes: 1024);
        using var put = S3Request.For(HttpMethod.Put, credentials.Url, credentials);
        put.Content = new ByteArrayContent(new byte[256 * 1024]);

        await Assert.ThrowsAsync<HttpRequestException>(() => session.Http.SendAsync(put));

        Assert.False(session.Emulator.TryGetStagedObject(credentials.Bucket, credentials.Key, out _));
        var recorded = await LastRecordedS3RequestAsync(session);
        Assert.Equal(0, recorded.StatusCode);
        Assert.Equal(FaultKind.DropConnection, recorded.InjectedFault);
    }

    [Fact]
    public async Task Dropped_connection_on_a_bodyless_request_drops_before_answering()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Faults.DropNext(EmulatorRoute.List);

        await Assert.ThrowsAsync<HttpRequestException>(() => session.Http.GetAsync(session.ApiPath()));
        using var retried = await session.Http.GetAsync(session.ApiPath());

        Assert.Equal(200, (int)retried.StatusCode);
    }

    [Fact]
    public async Task Latency_delays_the_answer_past_a_client_timeout()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Faults.DelayNext(EmulatorRoute.Status, TimeSpan.FromSeconds(30));
        using var impatient = new HttpClient { BaseAddress = session.Emulator.BaseUrl, Timeout = TimeSpan.FromMilliseconds(200) };

        await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync(session.ApiPath("/cabcdefghijklmnopqrstuvwx")));
    }

    [Fact]
    public async Task Latency_then_the_request_is_handled_as_usual()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Faults.DelayNext(EmulatorRoute.List, TimeSpan.FromMilliseconds(50));

        using var response = await session.Http.GetAsync(session.ApiPath());

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(FaultKind.Latency, session.Emulator.Requests.Single().InjectedFault);
    }

    [Fact]
    public async Task Forced_rate_limit_answers_429_with_a_near_reset()
    {
        var clock = new ManualClock();
        await using var session = await EmulatorSession.StartAsync(new EmulatorOptions { TimeProvider = clock, RateLimitPerMinute = 0 });
        session.Emulator.Faults.RateLimitNext(EmulatorRoute.Create, reset: TimeSpan.FromSeconds(2));
        var url = await session.StageAsync("a,b\n1,2\n");

        using var limited = await session.CreateAsync("alice.roads", url);
        using var retried = await session.CreateAsync("alice.roads", url);

        Assert.Equal(429, (int)limited.StatusCode);
        Assert.Equal(RateLimitTests.ResetHeader(clock.GetUtcNow() + TimeSpan.FromSeconds(2)), limited.Headers.GetValues("X-Rate-Limit-Reset").Single());
        Assert.True(limited.Headers.Contains("X-Rate-Limit-Interval"));
        Assert.True(limited.Headers.Contains("X-Rate-Limit-Limit"));
        Assert.Equal(201, (int)retried.StatusCode);
    }

    [Fact]
    public async Task Forced_rate_limit_on_s3_is_slow_down()
    {
        await using var session = await EmulatorSession.StartAsync();
        var credentials = await session.RequestCredentialsAsync();
        session.Emulator.Faults.RateLimitNext(EmulatorRoute.S3);
        using var put = S3Request.For(HttpMethod.Put, credentials.Url, credentials);
        put.Content = new StringContent("hello");

        using var response = await session.Http.SendAsync(put);

        Assert.Equal(503, (int)response.StatusCode);
        Assert.Equal("SlowDown", await S3Tests.ErrorCodeAsync(response));
    }

    [Fact]
    public async Task Method_filter_spares_requests_of_other_methods()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Faults.Add(new FaultRule { Route = EmulatorRoute.S3, Kind = FaultKind.ServerError, Method = "POST", Times = 1 });

        await session.StageAsync("a,b\n1,2\n");

        var put = session.Emulator.Requests.Single(request => request.Route == EmulatorRoute.S3);
        Assert.Equal(("PUT", 200, (FaultKind?)null), (put.Method, put.StatusCode, put.InjectedFault));
    }

    [Fact]
    public async Task Probabilistic_rules_replay_the_same_outcomes_for_the_same_seed()
    {
        var first = await StatusesWithSeedAsync(42);
        var second = await StatusesWithSeedAsync(42);

        Assert.Equal(first, second);
        Assert.Contains(500, first);
        Assert.Contains(200, first);
    }

    [Fact]
    public async Task Rules_are_thread_safe_and_times_is_exact_under_concurrency()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Faults.FailNext(EmulatorRoute.List, times: 10);

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => session.Http.GetAsync(session.ApiPath())));

        Assert.Equal(10, responses.Count(response => (int)response.StatusCode == 503));
        Assert.Equal(30, responses.Count(response => (int)response.StatusCode == 200));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Clear_removes_every_rule()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Faults.FailNext(EmulatorRoute.List, times: 5);
        session.Emulator.Faults.Clear();

        using var response = await session.Http.GetAsync(session.ApiPath());

        Assert.Equal(200, (int)response.StatusCode);
    }

    [Theory]
    [InlineData(-0.1, 503)]
    [InlineData(1.5, 503)]
    [InlineData(1.0, 429)]
    [InlineData(1.0, 399)]
    [InlineData(1.0, 600)]
    public async Task Invalid_rules_are_refused(double probability, int statusCode)
    {
        await using var session = await EmulatorSession.StartAsync();

        Assert.Throws<ArgumentOutOfRangeException>(() => session.Emulator.Faults.Add(
            new FaultRule { Route = EmulatorRoute.List, Kind = FaultKind.ServerError, Probability = probability, StatusCode = statusCode }));
    }

    /// <summary>The server records a dropped request just after the client sees the drop, so wait for it (bounded).</summary>
    private static async Task<RecordedRequest> LastRecordedS3RequestAsync(EmulatorSession session)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var recorded = session.Emulator.Requests.LastOrDefault(request => request.Route == EmulatorRoute.S3);
            if (recorded is not null)
            {
                return recorded;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("The dropped S3 request was never recorded.");
    }

    private static async Task<List<int>> StatusesWithSeedAsync(int seed)
    {
        await using var session = await EmulatorSession.StartAsync(new EmulatorOptions { FaultSeed = seed, RateLimitPerMinute = 0 });
        session.Emulator.Faults.Add(new FaultRule { Route = EmulatorRoute.List, Kind = FaultKind.ServerError, StatusCode = 500, Probability = 0.5 });
        var statuses = new List<int>();
        for (var index = 0; index < 20; index++)
        {
            using var response = await session.Http.GetAsync(session.ApiPath());
            statuses.Add((int)response.StatusCode);
        }
        return statuses;
    }
}
