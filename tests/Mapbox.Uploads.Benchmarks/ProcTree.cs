using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>A process's descendants and their <c>/proc/PID/stat</c> fields, as the tree samplers read them.</summary>
internal static class ProcTree
{
    /// <summary>Every live descendant of <paramref name="root"/> (children, their children, ...), not the root itself.</summary>
    public static IEnumerable<int> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Stat(pid) is { } fields)
            {
                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
            }
        }

        var tree = new HashSet<int> { root };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var (pid, parent) in parents)
            {
                grew |= tree.Contains(parent) && tree.Add(pid);
            }
        }

        tree.Remove(root);
        return tree;
    }

    /// <summary>The fields after the command name: [0] state, [1] ppid, ..., [11] utime, [12] stime; null once the process has ended.</summary>
    public static string[]? Stat(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null; // the process ended between the listing and the read
        }
    }
}
