using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;

namespace Mapbox.Uploads.Tests.Reliability;

/// <summary>What the reliability tests need from the emulator: issued secrets to search for, 4xx faults, short rate-limit windows.</summary>
public sealed class EmulatorReliabilityAdditionsTests
{
    [Fact]
    public async Task IssuedCredentials_lists_every_secret_the_emulator_handed_out()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { RateLimitPerMinute = 0 });
        using var client = new UploadsClient(MapboxAccessToken.Parse(emulator.MintToken("alice")), new UploadsClientOptions { ApiBaseUrl = emulator.BaseUrl });

        var first = await client.RequestCredentialsAsync();
        var second = await client.RequestCredentialsAsync();

        Assert.Equal(
            new[] { first, second }.Select(c => (c.AccessKeyId, c.SecretAccessKey, c.SessionToken, c.Bucket, c.Key)).OrderBy(c => c.Key),
            emulator.IssuedCredentials.Select(c => (c.AccessKeyId, c.SecretAccessKey, c.SessionToken, c.Bucket, c.Key)).OrderBy(c => c.Key));
    }

    [Fact]
    public async Task A_ServerError_rule_with_a_4xx_status_answers_it_and_the_client_does_not_retry()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { RateLimitPerMinute = 0 });
        emulator.Faults.Add(new FaultRule { Route = EmulatorRoute.Credentials, Kind = FaultKind.ServerError, StatusCode = 400 });
        using var client = new UploadsClient(MapboxAccessToken.Parse(emulator.MintToken("alice")), new UploadsClientOptions { ApiBaseUrl = emulator.BaseUrl });

        var error = await Assert.ThrowsAsync<MapboxApiException>(() => client.RequestCredentialsAsync());

        Assert.Equal((400, false, "Bad Request"), (error.StatusCode, error.IsRetryable, error.ServiceMessage));
        Assert.Single(emulator.Requests);
    }

    [Fact]
    public async Task RateLimitWindow_shortens_the_window_and_its_headers_say_so()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { RateLimitPerMinute = 2, RateLimitWindow = TimeSpan.FromSeconds(2) });
        var token = emulator.MintToken("alice");
        using var http = new HttpClient();
        var url = new Uri(emulator.BaseUrl, $"uploads/v1/alice?access_token={token}");

        var statuses = new[] { await http.GetAsync(url), await http.GetAsync(url), await http.GetAsync(url) };
        var limitedAt = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(2.2));
        var afterTheWindow = await http.GetAsync(url);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses.Select(s => s.StatusCode));
        Assert.Equal("2", statuses[2].Headers.GetValues("X-Rate-Limit-Interval").Single());
        var reset = DateTimeOffset.FromUnixTimeSeconds(long.Parse(statuses[2].Headers.GetValues("X-Rate-Limit-Reset").Single()));
        Assert.InRange(reset - limitedAt, TimeSpan.Zero, TimeSpan.FromSeconds(3));
        Assert.Equal(HttpStatusCode.OK, afterTheWindow.StatusCode);
    }

    [Fact]
    public async Task A_window_under_a_second_is_refused() =>
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EmulatorServer.StartAsync(new EmulatorOptions { RateLimitWindow = TimeSpan.FromMilliseconds(500) }));
}
