using System.Collections;
using Microsoft.Build.Framework;

namespace Mapbox.Uploads.NetFramework.Host;

/// <summary>The part of MSBuild's engine a task talks to: every event becomes a <see cref="HostLine"/>.</summary>
internal sealed class ConsoleBuildEngine : IBuildEngine
{
    public bool ContinueOnError => false;

    public int LineNumberOfTaskNode => 0;

    public int ColumnNumberOfTaskNode => 0;

    public string ProjectFileOfTaskNode => "host.proj";

    public void LogErrorEvent(BuildErrorEventArgs e) => HostLine.Write("error", e.Code, e.File, e.Message);

    public void LogWarningEvent(BuildWarningEventArgs e) => HostLine.Write("warning", e.Code, e.File, e.Message);

    public void LogMessageEvent(BuildMessageEventArgs e) => HostLine.Write("message", e.Importance.ToString(), string.Empty, e.Message);

    public void LogCustomEvent(CustomBuildEventArgs e) => HostLine.Write("message", "Custom", string.Empty, e.Message);

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;
}
