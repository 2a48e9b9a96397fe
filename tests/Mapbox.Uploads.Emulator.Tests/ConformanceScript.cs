using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

/// <summary>Runs a conformance check written against a client nobody here wrote (node, python) to its end, within a bound.</summary>
internal static class ConformanceScript
{
    // A proxy of the machine's environment must not see the loopback requests, nor a token of it reach the script.
    private static readonly string[] InheritedVariablesRemoved =
        ["HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy", "MAPBOX_ACCESS_TOKEN", "MapboxAccessToken", "PYTHONPATH", "PYTHONHOME"];

    /// <summary>A folder of conformance scripts, by its <c>AssemblyMetadata</c> key in the test project.</summary>
    public static string Directory(string key) => typeof(ConformanceScript).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == key).Value!;

    /// <summary>Runs <paramref name="program"/>; a program that cannot start fails the test with <paramref name="installHint"/>.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string program, IReadOnlyList<string> arguments, string directory, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, string installHint)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var name in InheritedVariablesRemoved)
        {
            start.Environment.Remove(name);
        }
        start.Environment["NO_PROXY"] = "127.0.0.1,localhost";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            Assert.Fail($"Could not start {program} ({exception.Message}); {installHint}");
            throw;
        }
        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var cancellation = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"{program} {string.Join(' ', arguments)} did not finish within {timeout}:\n{await stdout}\n{await stderr}");
            }
            return (process.ExitCode, $"{await stdout}\n{await stderr}");
        }
    }
}
