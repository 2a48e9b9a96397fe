using System.Text.Json;

namespace Mapbox.Uploads.Tool.Tests.Infrastructure;

/// <summary>What one run of the installed tool did: its exit code and its two streams, kept apart.</summary>
public sealed class ToolRun
{
    public ToolRun(string commandLine, int exitCode, string standardOutput, string standardError)
    {
        CommandLine = commandLine;
        ExitCode = exitCode;
        StandardOutput = standardOutput;
        StandardError = standardError;
    }

    public string CommandLine { get; }

    public int ExitCode { get; }

    public string StandardOutput { get; }

    public string StandardError { get; }

    /// <summary>Both streams, for secret searches.</summary>
    public string AllOutput => StandardOutput + StandardError;

    /// <summary>Parses stdout as one JSON document: with --json it must hold that and nothing else.</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(StandardOutput);
        return document.RootElement.Clone();
    }

    public override string ToString() => $"{CommandLine} -> exit {ExitCode}\n--- stdout\n{StandardOutput}--- stderr\n{StandardError}";
}
