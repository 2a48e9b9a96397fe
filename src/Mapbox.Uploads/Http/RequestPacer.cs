using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Http;

/// <summary>
/// Keeps one client's API requests within the account's budget (a number of requests per interval) by
/// handing out send times from a sliding window, so the service's 429 stays a backstop rather than the
/// way the budget is learned. Thread-safe; callers are served in arrival order.
/// </summary>
internal sealed class RequestPacer
{
    // The service counts a request when it arrives, the pacer when it is sent; the margin covers the latency between.
    internal static readonly TimeSpan ArrivalMargin = TimeSpan.FromSeconds(1);

    private const long MaxIntervalSeconds = 24 * 60 * 60;

    private readonly object _gate = new();
    private readonly List<DateTimeOffset> _sendTimes = new();
    private readonly Clock _clock;
    private readonly Action<RateLimitWait>? _waiting;
    private int _limit;
    private TimeSpan _interval;

    public RequestPacer(int limit, TimeSpan interval, Clock clock, Action<RateLimitWait>? waiting = null)
    {
        _limit = limit;
        _interval = interval;
        _clock = clock;
        _waiting = waiting;
    }

    /// <summary>
    /// Reserves the next send time within the budget and waits for it, telling the waiting callback first;
    /// cancellation ends the wait.
    /// </summary>
    public Task WaitTurnAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TimeSpan wait;
        RateLimitWait notice;
        lock (_gate)
        {
            var now = _clock.SteadyNow;
            var span = _interval + ArrivalMargin;
            var expired = _sendTimes.TakeWhile(sent => sent <= now - span).Count();
            _sendTimes.RemoveRange(0, expired);
            var sendAt = now;
            if (_sendTimes.Count >= _limit)
            {
                var windowOpens = _sendTimes[_sendTimes.Count - _limit] + span;
                sendAt = windowOpens > sendAt ? windowOpens : sendAt;
            }

            // Send times stay in order, so the expired ones are always at the front.
            if (_sendTimes.Count > 0 && _sendTimes[_sendTimes.Count - 1] > sendAt)
            {
                sendAt = _sendTimes[_sendTimes.Count - 1];
            }

            _sendTimes.Add(sendAt);
            wait = sendAt - now;
            notice = new RateLimitWait(wait, _limit, _interval);
        }

        if (wait <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        _waiting?.Invoke(notice);
        return _clock.Delay(wait, cancellationToken);
    }

    /// <summary>Tells the waiting callback of a wait the service asked for (a 429's reset), which the budget did not foresee.</summary>
    public void AnnounceServiceWait(TimeSpan wait)
    {
        RateLimitWait notice;
        lock (_gate)
        {
            notice = new RateLimitWait(wait, _limit, _interval);
        }

        _waiting?.Invoke(notice);
    }

    /// <summary>Adopts the budget a response announces in <c>X-Rate-Limit-Limit</c> and <c>X-Rate-Limit-Interval</c> (seconds).</summary>
    public void Observe(HttpResponseHeaders headers)
    {
        if (!TryReadPositive(headers, "X-Rate-Limit-Limit", out var limit) ||
            !TryReadPositive(headers, "X-Rate-Limit-Interval", out var intervalSeconds) ||
            intervalSeconds > MaxIntervalSeconds)
        {
            return;
        }

        lock (_gate)
        {
            _limit = (int)Math.Min(limit, int.MaxValue);
            _interval = TimeSpan.FromSeconds(intervalSeconds);
        }
    }

    private static bool TryReadPositive(HttpResponseHeaders headers, string name, out long value)
    {
        value = 0;
        return headers.TryGetValues(name, out var values) &&
            long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out value) &&
            value > 0;
    }
}
