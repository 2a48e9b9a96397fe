using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Tool.Tests.Infrastructure;

/// <summary>Runs the installed tool as a user's shell would, with only the token variables the test gives it.</summary>
public static class ToolProcess
{
    private static readonly string[] InheritedVariablesToDrop = ["MAPBOX_ACCESS_TOKEN", "MapboxAccessToken", "CI"];

    /// <param name="whileRunning">Called once the process runs, e.g. to wait for a line and press Ctrl+C.</param>
    public static async Task<ToolRun> RunAsync(string executable, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment,
        TimeSpan timeout, Func<RunningTool, Task>? whileRunning = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in InheritedVariablesToDrop)
        {
            start.Environment.Remove(name);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var output = new OutputLines();
        var error = new OutputLines();
        using var process = new Process { StartInfo = start };
        var running = new RunningTool(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                output.Add(line);
                running.OnOutputLine(line);
            }
        };
        process.ErrorDataReceived += (_, e) => error.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            if (whileRunning is not null)
            {
                await whileRunning(running).WaitAsync(deadline.Token);
            }

            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet-mapbox {string.Join(' ', arguments)} did not finish in {timeout.TotalSeconds} s:\n{output}{error}");
        }

        process.WaitForExit();
        return new ToolRun("dotnet mapbox " + string.Join(' ', arguments), process.ExitCode, output.ToString(), error.ToString());
    }
}
