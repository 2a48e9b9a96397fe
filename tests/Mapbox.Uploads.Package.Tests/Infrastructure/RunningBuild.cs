using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Package.Tests.Infrastructure;

/// <summary>
/// A real build watched while it runs: waits, bounded, for a moment inside it, and sends Ctrl+C (SIGINT to the dotnet
/// process) at such a moment, timing how long the build takes to stop.
/// </summary>
public static class RunningBuild
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ReachBound = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="reached"/> until it holds; fails when the build ends first or after 2 minutes.</summary>
    public static async Task WaitUntilAsync(Task<ProcessResult> build, Func<bool> reached, string moment)
    {
        var waited = Stopwatch.StartNew();
        var maxPolls = (int)(ReachBound / PollInterval);
        for (var polls = 0; !reached(); polls++)
        {
            if (build.IsCompleted)
            {
                Assert.Fail($"the build ended before {moment}:\n{await build}");
            }

            Assert.True(polls < maxPolls && waited.Elapsed < ReachBound, $"the build never reached {moment}");
            await Task.Delay(PollInterval);
        }
    }

    /// <summary>
    /// Builds the sandbox against <paramref name="apiUrl"/> as a CI build, sends SIGINT once <paramref name="reached"/>
    /// holds, and returns the result with the time from the signal to the end of the process.
    /// </summary>
    public static async Task<(ProcessResult Result, TimeSpan StoppedAfter)> BuildAndInterruptAsync(Sandbox sandbox, Uri apiUrl, string token, Func<bool> reached)
    {
        Process? process = null;
        var build = sandbox.RunAsync("build", DataProject.WithToken(token, ci: true), started => process = started,
            $"-p:MapboxApiUrl={apiUrl}", "-v:n");
        await WaitUntilAsync(build, reached, "the point to interrupt");

        var signalled = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-INT", process!.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        if (await Task.WhenAny(build, Task.Delay(StopBound)) != build)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"the build was still running {StopBound.TotalSeconds} s after SIGINT:\n{await build}");
        }

        var stoppedAfter = signalled.Elapsed;
        return (await build, stoppedAfter);
    }
}
