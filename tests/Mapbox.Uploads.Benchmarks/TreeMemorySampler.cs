using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>
/// Watches, every 100 ms, the processes below this one and keeps the largest peak resident set (VmHWM, the kernel's
/// own high-water mark, so a peak between two samples is not missed) of any of them since <see cref="Reset"/>:
/// for a <c>dotnet build</c>, the MSBuild node that runs the task. Linux only: it reads /proc.
/// </summary>
internal sealed class TreeMemorySampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakKib;

    public TreeMemorySampler()
    {
        _loop = Task.Run(SampleAsync);
    }

    /// <summary>The largest VmHWM of one descendant seen since the last <see cref="Reset"/>, in MiB.</summary>
    public double PeakMiB => Interlocked.Read(ref _peakKib) / 1024.0;

    public void Reset() => Interlocked.Exchange(ref _peakKib, 0);

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        var self = Environment.ProcessId;
        while (!_stop.IsCancellationRequested)
        {
            foreach (var pid in ProcTree.Descendants(self))
            {
                var kib = HighWaterKib(pid);
                long seen;
                while (kib > (seen = Interlocked.Read(ref _peakKib)) && Interlocked.CompareExchange(ref _peakKib, kib, seen) != seen)
                {
                }
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

    private static long HighWaterKib(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
