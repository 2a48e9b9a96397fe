using System;
using System.Collections.Concurrent;
using System.Net.Http;
using Mapbox.Uploads;

namespace Mapbox.Uploads.Tests.Support;

/// <summary>Builds tilesets clients on a fake clock: every wait is recorded and moves the clock on by its length.</summary>
internal sealed class TilesetsClientFactory
{
    public FakeClock Clock { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public ConcurrentQueue<TimeSpan> Delays => Clock.Delays;

    public ConcurrentQueue<RequestLogEntry> Log { get; } = new();

    public DateTimeOffset Now => Clock.Now;

    public TilesetsClient Create(HttpMessageHandler handler, Action<TilesetsClientOptions>? configure = null)
    {
        var options = new TilesetsClientOptions
        {
            ApiBaseUrl = new Uri("https://api.example.test"),
            HttpClient = new HttpClient(handler),
            Retry = new RetryOptions { MaxAttempts = 3, InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(2) },
            RequestLogged = Log.Enqueue,
            Clock = Clock,
        };
        configure?.Invoke(options);
        return new TilesetsClient(TestTokens.Token(), options);
    }
}
