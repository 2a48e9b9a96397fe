using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Tool.Tests.Infrastructure;

/// <summary>A tool process while it runs: its output so far, and Ctrl+C.</summary>
public sealed class RunningTool
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private readonly Process _process;
    private readonly List<string> _outputLines = new();

    internal RunningTool(Process process)
    {
        _process = process;
    }

    /// <summary>Waits, bounded, for a stdout line starting with <paramref name="prefix"/> and returns it.</summary>
    public async Task<string> WaitForOutputLineAsync(string prefix, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            lock (_outputLines)
            {
                if (_outputLines.FirstOrDefault(line => line.StartsWith(prefix, StringComparison.Ordinal)) is { } found)
                {
                    return found;
                }
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(PollInterval);
        }

        throw new TimeoutException($"No output line starting with '{prefix}' within {timeout.TotalSeconds} s.");
    }

    /// <summary>Sends SIGINT, what Ctrl+C in a terminal sends.</summary>
    public async Task InterruptAsync()
    {
        using var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    internal void OnOutputLine(string line)
    {
        lock (_outputLines)
        {
            _outputLines.Add(line);
        }
    }
}
