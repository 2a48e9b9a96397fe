using System;

namespace Mapbox.Uploads.NetFramework.Host;

/// <summary>
/// The host's output protocol: one line per fact, fields separated by tabs, with tab, newline and backslash escaped
/// so a multi-line message stays on its line. The test suite's HostRun reads the same format.
/// </summary>
internal static class HostLine
{
    private static readonly object Gate = new();

    public static void Write(params string?[] fields)
    {
        var line = string.Join("\t", Array.ConvertAll(fields, Escape));
        lock (Gate)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }

    private static string Escape(string? field) =>
        (field ?? string.Empty).Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\r", "\\r").Replace("\n", "\\n");
}
