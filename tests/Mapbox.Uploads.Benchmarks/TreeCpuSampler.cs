using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>
/// Samples, every 20 ms, the CPU time of every process below this one, so the CPU a
/// child build spent between two moments (the staging window, read from the emulator's request times) can be read
/// afterwards. Linux only: it reads /proc; the kernel counts in ticks of 10 ms.
/// </summary>
internal sealed class TreeCpuSampler : IAsyncDisposable
{
    private const double TicksPerSecond = 100;
    // Light enough not to take the cores it measures: a sample every 20 ms, the process tree listed again every 0.5 s.
    private const int SamplesPerListing = 25;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    private readonly List<(DateTimeOffset At, double CpuSeconds)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public TreeCpuSampler()
    {
        _loop = Task.Run(SampleAsync);
    }

    /// <summary>The CPU seconds the descendants spent between <paramref name="from"/> and <paramref name="to"/>.</summary>
    public double CpuBetween(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_samples)
        {
            return At(to) - At(from);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        _stop.Dispose();
    }

    private double At(DateTimeOffset moment)
    {
        // The last sample at or before the moment: a sample is a running total, so it is the CPU spent up to then.
        var before = _samples.LastOrDefault(s => s.At <= moment);
        return before == default ? 0 : before.CpuSeconds;
    }

    private async Task SampleAsync()
    {
        var self = Environment.ProcessId;
        var tree = new List<int>();
        for (var sample = 0; !_stop.IsCancellationRequested; sample++)
        {
            if (sample % SamplesPerListing == 0)
            {
                tree = ProcTree.Descendants(self).ToList();
            }

            var total = tree.Sum(ProcessCpuSeconds);
            lock (_samples)
            {
                _samples.Add((DateTimeOffset.UtcNow, total));
            }

            try
            {
                await Task.Delay(Interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    // utime + stime of the process itself (the children it waited for are counted once they exit, not here).
    private static double ProcessCpuSeconds(int pid) =>
        ProcTree.Stat(pid) is { } fields ? (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond : 0;
}
