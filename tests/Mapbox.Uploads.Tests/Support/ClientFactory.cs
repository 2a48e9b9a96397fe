using System;
using System.Collections.Concurrent;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads;

namespace Mapbox.Uploads.Tests.Support;

/// <summary>Builds clients whose waits are recorded instead of slept, so retry tests are instant and exact.</summary>
internal sealed class ClientFactory
{
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    public ConcurrentQueue<RequestLogEntry> Log { get; } = new();

    public UploadsClientOptions Options(HttpMessageHandler handler, Action<UploadsClientOptions>? configure = null)
    {
        var options = new UploadsClientOptions
        {
            ApiBaseUrl = new Uri("https://api.example.test"),
            HttpClient = new HttpClient(handler),
            Retry = new RetryOptions { MaxAttempts = 4, InitialDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(2), MaxRateLimitWait = TimeSpan.FromSeconds(60) },
            RequestLogged = Log.Enqueue,
            Delay = (delay, cancellationToken) =>
            {
                Delays.Enqueue(delay);
                cancellationToken.ThrowIfCancellationRequested();
                return Task.CompletedTask;
            },
            Clock = () => Now,
        };
        configure?.Invoke(options);
        return options;
    }

    public DateTimeOffset Now { get; set; } = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    public UploadsClient Create(HttpMessageHandler handler, Action<UploadsClientOptions>? configure = null) =>
        new(TestTokens.Token(), Options(handler, configure));
}
