using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Build.Framework;

namespace Mapbox.Uploads.Build.Tests.Infrastructure;

/// <summary>An IBuildEngine that keeps every event, thread-safe because the task logs from parallel uploads.</summary>
public sealed class FakeBuildEngine : IBuildEngine
{
    private readonly ConcurrentQueue<BuildEventArgs> _events = new();

    public IReadOnlyList<BuildEventArgs> Events => _events.ToList();

    public IReadOnlyList<BuildErrorEventArgs> Errors => _events.OfType<BuildErrorEventArgs>().ToList();

    public IReadOnlyList<BuildWarningEventArgs> Warnings => _events.OfType<BuildWarningEventArgs>().ToList();

    public IReadOnlyList<BuildMessageEventArgs> Messages => _events.OfType<BuildMessageEventArgs>().ToList();

    public IReadOnlyList<string> ErrorCodes => Errors.Select(e => e.Code).ToList();

    public IReadOnlyList<string> WarningCodes => Warnings.Select(e => e.Code).ToList();

    /// <summary>Every text the engine received, with codes and files, for secret searches.</summary>
    public string AllText => string.Join("\n", _events.Select(e => e switch
    {
        BuildErrorEventArgs error => $"{error.File}({error.LineNumber},{error.ColumnNumber}) error {error.Code}: {error.Message}",
        BuildWarningEventArgs warning => $"{warning.File} warning {warning.Code}: {warning.Message}",
        _ => e.Message,
    }));

    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "test.csproj";

    public IEnumerable<string> MessagesAt(MessageImportance importance) =>
        Messages.Where(m => m.Importance == importance).Select(m => m.Message ?? string.Empty);

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;

    public void LogCustomEvent(CustomBuildEventArgs e) => _events.Enqueue(e);

    public void LogErrorEvent(BuildErrorEventArgs e) => _events.Enqueue(e);

    public void LogMessageEvent(BuildMessageEventArgs e) => _events.Enqueue(e);

    public void LogWarningEvent(BuildWarningEventArgs e) => _events.Enqueue(e);
}
