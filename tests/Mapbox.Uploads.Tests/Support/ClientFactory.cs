using System;
using System.Collections.Concurrent;
using System.Net.Http;
using Mapbox.Uploads;

namespace Mapbox.Uploads.Tests.Support;

/// <summary>Builds clients on a fake clock: every wait is recorded instead of slept and moves the clock on, so retry tests are instant and exact.</summary>
internal sealed class ClientFactory
{
    public FakeClock Clock { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public ConcurrentQueue<TimeSpan> Delays => Clock.Delays;

    public ConcurrentQueue<RequestLogEntry> Log { get; } = new();

    public UploadsClientOptions Options(HttpMessageHandler handler, Action<UploadsClientOptions>? configure = null)
    {
        var options = new UploadsClientOptions
        {
            ApiBaseUrl = new Uri("https://api.example.test"),
            HttpClient = new HttpClient(handler),
            Retry = new RetryOptions { MaxAttempts = 4, InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(2), MaxRateLimitWait = TimeSpan.FromSeconds(60) },
            RequestLogged = Log.Enqueue,
            Clock = Clock,
        };
        configure?.Invoke(options);
        return options;
    }

    public DateTimeOffset Now
    {
        get => Clock.Now;
        set => Clock.Now = value;
    }

    public UploadsClient Create(HttpMessageHandler handler, Action<UploadsClientOptions>? configure = null) =>
        new(TestTokens.Token(), Options(handler, configure));
}
