using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace Mapbox.Uploads.NetFramework.Tests.Infrastructure;

/// <summary>
/// tests/Mapbox.Uploads.NetFramework.Host built for one Visual Studio (its MSBuild's binding redirects and shipped
/// assembly versions) and run under <c>mono --assembly-loader=strict</c>: Mono's default loader ignores assembly
/// versions, the strict one binds by version and redirects as .NET Framework does.
/// </summary>
public sealed class NetFrameworkHost
{
    /// <summary>The oldest Visual Studio the package supports (README, "Visual Studio and MSBuild").</summary>
    public const string OldestSupported = "17.11";

    /// <summary>The newest Visual Studio whose MSBuild cannot load the task (its System.Text.Json is 8.0.0.0).</summary>
    public const string Unsupported = "17.10";

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);
    private static readonly ConcurrentDictionary<string, Lazy<Task<NetFrameworkHost>>> Built = new();
    private static readonly string[] InheritedVariablesToDrop =
    [
        "CI", "ContinuousIntegrationBuild", "TF_BUILD", "GITHUB_ACTIONS", "MAPBOX_ACCESS_TOKEN", "MONO_PATH", "MONO_ENV_OPTIONS",
    ];

    private NetFrameworkHost(string visualStudio, string binDirectory)
    {
        VisualStudio = visualStudio;
        BinDirectory = binDirectory;
    }

    public string VisualStudio { get; }

    /// <summary>The host's folder: what MSBuild's bin folder holds for the Visual Studio, and the exe with MSBuild's redirects.</summary>
    public string BinDirectory { get; }

    public string ConfigPath => ExePath + ".config";

    private string ExePath => Path.Combine(BinDirectory, "Mapbox.Uploads.NetFramework.Host.exe");

    public static Task<NetFrameworkHost> ForAsync(string visualStudio) =>
        Built.GetOrAdd(visualStudio, label => new Lazy<Task<NetFrameworkHost>>(() => BuildAsync(label))).Value;

    /// <summary>Runs the task call under Mono with these environment variables; <paramref name="started"/> gets the running host.</summary>
    public async Task<HostRun> RunAsync(XElement invocation, IReadOnlyDictionary<string, string> environment, Func<RunningHost, Task>? started = null)
    {
        var invocationPath = Path.Combine(Path.GetTempPath(), $"mbx-mono-{Guid.NewGuid():N}.xml");
        invocation.Save(invocationPath);
        try
        {
            var start = new ProcessStartInfo("mono")
            {
                ArgumentList = { "--assembly-loader=strict", ExePath, invocationPath },
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var name in InheritedVariablesToDrop)
            {
                start.Environment.Remove(name);
            }

            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            var lines = new ConcurrentQueue<string>();
            string Output() => string.Join('\n', lines);
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => Keep(lines, e.Data);
            process.ErrorDataReceived += (_, e) => Keep(lines, e.Data);
            try
            {
                process.Start();
            }
            catch (System.ComponentModel.Win32Exception exception)
            {
                throw new InvalidOperationException("mono is not on PATH: .ci/run installs it (apt-get install -y mono-complete).", exception);
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var deadline = new CancellationTokenSource(RunTimeout);
            if (started is not null)
            {
                await started(new RunningHost(process, Output));
            }

            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"mono {ExePath} did not finish in {RunTimeout.TotalSeconds} s:\n{Output()}");
            }

            process.WaitForExit();
            return new HostRun(process.ExitCode, Output());
        }
        finally
        {
            File.Delete(invocationPath);
        }
    }

    private static async Task<NetFrameworkHost> BuildAsync(string visualStudio)
    {
        var artifacts = Path.Combine(Path.GetTempPath(), "mbx-mono-host", $"{visualStudio}-{Guid.NewGuid():N}"[..18]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => PackedTask.TryDelete(artifacts);
        var project = Repository.PathOf("tests", "Mapbox.Uploads.NetFramework.Host", "Mapbox.Uploads.NetFramework.Host.csproj");
        var result = await DotnetProcess.RunAsync(Repository.Root,
            ["build", project, "-c", "Release", $"-p:VisualStudio={visualStudio}", "--artifacts-path", artifacts, "-nr:false"],
            new Dictionary<string, string?>(), BuildTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building the .NET Framework host for Visual Studio {visualStudio} failed:\n{result}");
        }

        var bin = Directory.GetDirectories(Path.Combine(artifacts, "bin", "Mapbox.Uploads.NetFramework.Host")).Single();
        return new NetFrameworkHost(visualStudio, bin);
    }

    private static void Keep(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}

/// <summary>The host while it runs: its output so far, and the cancel line Visual Studio's Cancel button amounts to.</summary>
public sealed class RunningHost(Process process, Func<string> output)
{
    public bool HasExited => process.HasExited;

    public string Output => output();

    public async Task CancelAsync()
    {
        await process.StandardInput.WriteLineAsync("cancel");
        await process.StandardInput.FlushAsync();
    }
}
