using System;
using System.Diagnostics;

namespace Mapbox.Uploads.Build;

/// <summary>
/// Lets a repeated line through at most once per interval, so that a person can read the log while a slow step runs.
/// The first line always passes.
/// </summary>
internal sealed class Pace
{
    /// <summary>How often a slow step may report itself.</summary>
    public static readonly TimeSpan Readable = TimeSpan.FromSeconds(10);

    private readonly TimeSpan _interval;
    private readonly Func<TimeSpan> _clock;
    private readonly object _gate = new();
    private TimeSpan? _last;

    public Pace(TimeSpan interval, Func<TimeSpan>? clock = null)
    {
        _interval = interval;
        if (clock is null)
        {
            var watch = Stopwatch.StartNew();
            clock = () => watch.Elapsed;
        }

        _clock = clock;
    }

    /// <summary>True when a line may be logged now; it then counts as logged.</summary>
    public bool Due()
    {
        lock (_gate)
        {
            var now = _clock();
            if (_last is { } last && now - last < _interval)
            {
                return false;
            }

            _last = now;
            return true;
        }
    }
}
