using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Mapbox.Uploads.NetFramework.Tests.Infrastructure;

/// <summary>What the host printed, read back from its line protocol (tests/Mapbox.Uploads.NetFramework.Host/HostLine.cs).</summary>
public sealed class HostRun
{
    public HostRun(int exitCode, string output)
    {
        ExitCode = exitCode;
        Output = output;
        Lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r').Split('\t').Select(Unescape).ToArray()).ToList();
    }

    /// <summary>0: Execute returned true; 1: false; 2: the task could not be loaded or threw.</summary>
    public int ExitCode { get; }

    public string Output { get; }

    public IReadOnlyList<string[]> Lines { get; }

    public IReadOnlyList<string> ErrorCodes => Codes("error");

    public IReadOnlyList<string> WarningCodes => Codes("warning");

    /// <summary>The exception that escaped loading or Execute, as MSBuild would report it in MSB4018/MSB4062.</summary>
    public string? Crash => Lines.FirstOrDefault(line => line[0] == "crash")?.ElementAtOrDefault(1);

    /// <summary>The task's <c>Results</c> items: the item spec and its metadata.</summary>
    public IReadOnlyList<(string File, IReadOnlyDictionary<string, string> Metadata)> Results =>
        Lines.Where(line => line.Length >= 3 && line[0] == "output" && line[1] == "Results")
            .Select(line => (line[2], (IReadOnlyDictionary<string, string>)line.Skip(3).Select(pair => pair.Split('=', 2)).ToDictionary(pair => pair[0], pair => pair.ElementAtOrDefault(1) ?? string.Empty)))
            .ToList();

    public override string ToString() => $"host exit {ExitCode}\n{Output}";

    private List<string> Codes(string kind) => Lines.Where(line => line.Length >= 2 && line[0] == kind).Select(line => line[1]).ToList();

    private static string Unescape(string field)
    {
        var text = new StringBuilder(field.Length);
        for (var index = 0; index < field.Length; index++)
        {
            if (field[index] == '\\' && index + 1 < field.Length)
            {
                index++;
                text.Append(field[index] switch { 't' => '\t', 'n' => '\n', 'r' => '\r', var other => other });
            }
            else
            {
                text.Append(field[index]);
            }
        }

        return text.ToString();
    }
}
