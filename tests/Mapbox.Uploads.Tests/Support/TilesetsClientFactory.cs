using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads;

namespace Mapbox.Uploads.Tests.Support;

/// <summary>Builds tilesets clients on a fake clock: every wait is recorded and moves the clock on by its length.</summary>
internal sealed class TilesetsClientFactory
{
    private long _nowTicks = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).UtcTicks;

    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public ConcurrentQueue<RequestLogEntry> Log { get; } = new();

    public DateTimeOffset Now => new(Interlocked.Read(ref _nowTicks), TimeSpan.Zero);

    public TilesetsClient Create(HttpMessageHandler handler, Action<TilesetsClientOptions>? configure = null)
    {
        var options = new TilesetsClientOptions
        {
            ApiBaseUrl = new Uri("https://api.example.test"),
            HttpClient = new HttpClient(handler),
            Retry = new RetryOptions { MaxAttempts = 3, InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(2) },
            RequestLogged = Log.Enqueue,
            Delay = (delay, cancellationToken) =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                Delays.Enqueue(delay);
                Interlocked.Add(ref _nowTicks, delay.Ticks);
                return Task.CompletedTask;
            },
            Clock = () => Now,
        };
        configure?.Invoke(options);
        return new TilesetsClient(TestTokens.Token(), options);
    }
}
