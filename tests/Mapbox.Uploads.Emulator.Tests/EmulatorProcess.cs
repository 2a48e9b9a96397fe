using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

/// <summary>The emulator's command, run as a process the way a user runs it, with what it printed at start.</summary>
internal sealed partial class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EmulatorProcess(Process _process, Uri baseUrl, IReadOnlyDictionary<string, string> tokens)
    {
        this._process = _process;
        BaseUrl = baseUrl;
        Tokens = tokens;
    }

    public Uri BaseUrl { get; }

    /// <summary>The printed tokens by label; the default token's label is empty.</summary>
    public IReadOnlyDictionary<string, string> Tokens { get; }

    /// <summary>Starts the command and reads its start lines: the url, the default token and <paramref name="extraTokens"/> more.</summary>
    public static async Task<EmulatorProcess> StartAsync(IEnumerable<string> args, int extraTokens = 0, IReadOnlyDictionary<string, string>? environment = null)
    {
        var _process = Launch(args, environment);
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var listening = ListeningLine().Match(await _process.StandardOutput.ReadLineAsync(timeout.Token) ?? "");
            if (!listening.Success)
            {
                Assert.Fail("the emulator printed no url: " + await ReadErrorsAsync(_process));
            }
            var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var index = 0; index <= extraTokens; index++)
            {
                var line = await _process.StandardOutput.ReadLineAsync(timeout.Token) ?? "";
                var token = TokenLine().Match(line);
                Assert.True(token.Success, line);
                tokens[token.Groups["label"].Value] = token.Groups["token"].Value;
            }
            return new EmulatorProcess(_process, new Uri(listening.Groups[1].Value), tokens);
        }
        catch
        {
            _process.Kill(entireProcessTree: true);
            _process.Dispose();
            throw;
        }
    }

    /// <summary>Runs the command to its end, for arguments it refuses: the exit code and what it wrote to stderr.</summary>
    public static async Task<(int ExitCode, string Errors)> RunRefusedAsync(params string[] args)
    {
        using var _process = Launch(args, environment: null);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            var errors = await _process.StandardError.ReadToEndAsync(timeout.Token);
            await _process.WaitForExitAsync(timeout.Token);
            return (_process.ExitCode, errors);
        }
        finally
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
    }

    public ApiSession Session(string label = "", string username = "emulator") => new(BaseUrl, username, Tokens[label]);

    /// <summary>Stops the command and returns everything it printed after its start lines.</summary>
    public async Task<string> StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        return await _process.StandardOutput.ReadToEndAsync() + await _process.StandardError.ReadToEndAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private static Process Launch(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Mapbox.Uploads.Emulator.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        return Process.Start(start)!;
    }

    private static async Task<string> ReadErrorsAsync(Process _process)
    {
        _process.Kill(entireProcessTree: true);
        return await _process.StandardError.ReadToEndAsync();
    }

    [GeneratedRegex(@"^Listening on (http://127\.0\.0\.1:\d+/)$")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"^Token ?(?<label>[^:]*): (?<token>[sp]k\.\S+)$")]
    private static partial Regex TokenLine();
}
