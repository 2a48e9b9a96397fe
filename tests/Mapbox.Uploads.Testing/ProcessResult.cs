using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace Mapbox.Uploads.Testing;

/// <summary>What a dotnet process did: exit code, output and the MBX diagnostics it printed.</summary>
public sealed partial class ProcessResult
{
    public ProcessResult(string commandLine, int exitCode, string output, TimeSpan duration)
    {
        CommandLine = commandLine;
        ExitCode = exitCode;
        Output = output;
        Duration = duration;
        var found = Diagnostic().Matches(output).Select(m => (Kind: m.Groups["kind"].Value, Code: m.Groups["code"].Value, Line: m.Value)).ToList();
        ErrorCodes = found.Where(d => d.Kind == "error").Select(d => d.Code).Distinct().ToList();
        WarningCodes = found.Where(d => d.Kind == "warning").Select(d => d.Code).Distinct().ToList();
    }

    public string CommandLine { get; }

    public int ExitCode { get; }

    public string Output { get; }

    public TimeSpan Duration { get; }

    public IReadOnlyList<string> ErrorCodes { get; }

    public IReadOnlyList<string> WarningCodes { get; }

    public override string ToString() => $"{CommandLine} -> exit {ExitCode} in {Duration.TotalSeconds:F1} s\n{Output}";

    [GeneratedRegex(@"(?<kind>error|warning) (?<code>MBX\d{4})[^\r\n]*")]
    private static partial Regex Diagnostic();
}
