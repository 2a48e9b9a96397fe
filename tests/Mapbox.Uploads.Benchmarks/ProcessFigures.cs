using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>This process's CPU time and peak resident set, its exited children's CPU, and the load average: the figures a run is judged by.</summary>
internal static class ProcessFigures
{
    private const double MiB = 1024 * 1024;

    public static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>The kernel's high-water mark of resident memory (VmHWM), in MiB; the working-set peak where there is no /proc.</summary>
    public static double PeakResidentMiB()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is not null)
            {
                var kib = long.Parse(line["VmHWM:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                return kib / 1024.0;
            }
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / MiB;
    }

    /// <summary>cutime + cstime of /proc/self/stat: the CPU seconds of every child (and its waited-for children) that has exited.</summary>
    public static double ChildrenCpuSeconds()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        const double ticksPerSecond = 100;
        return (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / ticksPerSecond;
    }

    /// <summary>The one-minute load average, as a run reports it beside its figures.</summary>
    public static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
