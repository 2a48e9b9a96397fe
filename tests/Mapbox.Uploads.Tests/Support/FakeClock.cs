using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Http;

namespace Mapbox.Uploads.Tests.Support;

/// <summary>
/// A clock that never sleeps: every wait is recorded and moves wall and steady time on by its length, so retries,
/// pacing and deadlines are instant and exact.
/// </summary>
internal sealed class FakeClock : Clock
{
    private long _nowTicks;

    public FakeClock(DateTimeOffset start) => _nowTicks = start.UtcTicks;

    /// <summary>Every wait asked for, in order.</summary>
    public ConcurrentQueue<TimeSpan> Delays { get; } = new();

    /// <summary>Called with each wait after it is recorded and before the cancellation check, e.g. to cancel on the n-th wait.</summary>
    public Action<TimeSpan>? Delaying { get; set; }

    /// <summary>Whether waits leave the clock where it is: concurrent callers then get waits that do not depend on their order.</summary>
    public bool StandsStill { get; set; }

    public DateTimeOffset Now
    {
        get => new(Interlocked.Read(ref _nowTicks), TimeSpan.Zero);
        set => Interlocked.Exchange(ref _nowTicks, value.UtcTicks);
    }

    public override DateTimeOffset UtcNow => Now;

    public override DateTimeOffset SteadyNow => Now;

    public override Task Delay(TimeSpan wait, CancellationToken cancellationToken)
    {
        Delays.Enqueue(wait);
        Delaying?.Invoke(wait);
        cancellationToken.ThrowIfCancellationRequested();
        if (!StandsStill)
        {
            Interlocked.Add(ref _nowTicks, wait.Ticks);
        }

        return Task.CompletedTask;
    }
}
