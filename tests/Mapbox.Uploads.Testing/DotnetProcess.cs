using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Testing;

/// <summary>
/// Runs the real dotnet CLI with no node reuse and no build server, so every build loads the task
/// fresh, and with the CI, token and MSBuild variables of the calling process removed, so each caller sets its own.
/// </summary>
public static class DotnetProcess
{
    private static readonly string[] InheritedVariablesToDrop =
    [
        "CI", "ContinuousIntegrationBuild", "TF_BUILD", "GITHUB_ACTIONS", "MAPBOX_ACCESS_TOKEN", "MapboxAccessToken",
        "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly",
    ];

    private static readonly string[] PersonalVariables = ["PATH", "HOME", "USER", "LANG", "TMPDIR", "DOTNET_ROOT"];

    /// <param name="started">Called with the process once it runs, e.g. to signal it.</param>
    public static Task<ProcessResult> RunAsync(string workingDirectory, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, Action<Process>? started = null) =>
        RunAsync("dotnet", workingDirectory, arguments, environment, timeout, started, asPerson: false);

    /// <summary>
    /// Runs the dotnet CLI as a person does in a terminal: under a pseudo-terminal of the given size (util-linux
    /// <c>script</c>), so the CLI picks its loggers as it would there. The output keeps the terminal's escape codes.
    /// </summary>
    public static Task<ProcessResult> RunInTerminalAsync(string workingDirectory, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, int columns = 140, int rows = 40)
    {
        // The terminal logger is chosen only when the terminal reports a size, as a person's terminal does.
        var command = $"stty cols {columns} rows {rows}; exec dotnet " + string.Join(' ', arguments.Select(ShellQuoted));
        var withTerminal = new Dictionary<string, string?>(environment) { ["TERM"] = "xterm-256color" };
        return RunAsync("script", workingDirectory, ["-qec", command, "/dev/null"], withTerminal, timeout, started: null, asPerson: true);
    }

    private static string ShellQuoted(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static async Task<ProcessResult> RunAsync(string program, string workingDirectory, IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, Action<Process>? started, bool asPerson)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = workingDirectory,
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

        if (asPerson)
        {
            // A person's shell, not the test host's: `dotnet test` leaves variables behind that make the CLI
            // choose the classic logger even in a terminal.
            foreach (var name in start.Environment.Keys.Except(PersonalVariables, StringComparer.Ordinal).ToList())
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var output = new OutputLines();
        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        started?.Invoke(process);
        using var deadline = new System.Threading.CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in {timeout.TotalSeconds} s:\n{output}");
        }

        process.WaitForExit();
        var commandLine = program + " " + string.Join(' ', start.ArgumentList);
        return new ProcessResult(commandLine, process.ExitCode, output.ToString(), clock.Elapsed);
    }
}
