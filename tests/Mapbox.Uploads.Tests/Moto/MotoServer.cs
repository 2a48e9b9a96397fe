using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Tests.Moto;

/// <summary>
/// A real moto_server on 127.0.0.1 with IAM auth enforced: after the first five setup calls, every request's SigV4
/// signature, access key and session token are checked. Credentials come from STS AssumeRole, as Mapbox's do.
/// </summary>
public sealed class MotoServer : IAsyncLifetime
{
    public const string Bucket = "staging-bucket";
    private static readonly TimeSpan StartupBound = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ScriptBound = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _serverOutput = new();
    private Process? _server;

    public Uri Endpoint { get; private set; } = null!;

    public string AccessKeyId { get; private set; } = string.Empty;

    public string SecretAccessKey { get; private set; } = string.Empty;

    public string SessionToken { get; private set; } = string.Empty;

    private string UserKey { get; set; } = string.Empty;

    private string UserSecret { get; set; } = string.Empty;

    private static string ToolPath => Path.Combine(AppContext.BaseDirectory, "Moto", "moto_tool.py");

    public async Task InitializeAsync()
    {
        var check = await RunPythonAsync(new[] { "-c", "import moto, flask, boto3" }, null);
        if (check.ExitCode != 0)
        {
            throw new InvalidOperationException(
                "The S3 staging tests need moto 5 with its server extras (Flask) and boto3 in python3: `pip install 'moto[server]==5.2.1'`. " +
                $"`python3 -c 'import moto, flask, boto3'` failed: {check.Error}");
        }

        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "-m", "moto.server", "-H", "127.0.0.1", "-p", port.ToString() })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["INITIAL_NO_AUTH_ACTION_COUNT"] = "5";
        _server = Process.Start(start) ?? throw new InvalidOperationException("python3 -m moto.server did not start.");
        _server.OutputDataReceived += (_, e) => Capture(e.Data);
        _server.ErrorDataReceived += (_, e) => Capture(e.Data);
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        await WaitUntilListeningAsync(port);

        var setup = await RunToolAsync("setup", Endpoint.ToString(), Bucket);
        using var json = JsonDocument.Parse(setup);
        UserKey = json.RootElement.GetProperty("userKey").GetString()!;
        UserSecret = json.RootElement.GetProperty("userSecret").GetString()!;
        AccessKeyId = json.RootElement.GetProperty("accessKeyId").GetString()!;
        SecretAccessKey = json.RootElement.GetProperty("secretAccessKey").GetString()!;
        SessionToken = json.RootElement.GetProperty("sessionToken").GetString()!;
    }

    public StagingCredentials Credentials(string key, string? secret = null, string? sessionToken = null) =>
        new(AccessKeyId, secret ?? SecretAccessKey, sessionToken ?? SessionToken, Bucket, key, $"{Endpoint}{Bucket}/{key}");

    public async Task<string> Sha256Async(string key) => (await RunToolAsync("sha256", Endpoint.ToString(), Bucket, key)).Trim();

    public async Task<string[]> OpenMultipartUploadKeysAsync() =>
        JsonSerializer.Deserialize<string[]>(await RunToolAsync("open-uploads", Endpoint.ToString(), Bucket))!;

    /// <summary>The Authorization header botocore's S3SigV4Auth computes for the request; an independent reference signer.</summary>
    public async Task<string> BotocoreAuthorizationAsync(string method, Uri url, string amzDate, StagingCredentials credentials) =>
        (await RunToolAsync("sign", method, url.AbsoluteUri, amzDate, credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken)).Trim();

    /// <summary>The key as botocore encodes it into an S3 url path.</summary>
    public async Task<string> BotocoreEncodedKeyAsync(string key) => (await RunToolAsync("encode-key", key)).TrimEnd('\n', '\r');

    public Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit(5000);
        }

        _server?.Dispose();
        return Task.CompletedTask;
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_serverOutput)
        {
            if (_serverOutput.Length < 64 * 1024)
            {
                _serverOutput.AppendLine(line);
            }
        }
    }

    private string ServerOutput()
    {
        lock (_serverOutput)
        {
            return _serverOutput.ToString();
        }
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartupBound)
        {
            if (_server!.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with {_server.ExitCode} before listening:\n{ServerOutput()}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new TimeoutException($"moto_server did not listen on port {port} within {StartupBound}:\n{ServerOutput()}");
    }

    private async Task<string> RunToolAsync(params string[] arguments)
    {
        var all = new List<string> { ToolPath };
        all.AddRange(arguments);
        var result = await RunPythonAsync(all, new Dictionary<string, string> { ["MOTO_USER_KEY"] = UserKey, ["MOTO_USER_SECRET"] = UserSecret });
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"moto_tool.py {arguments[0]} failed ({result.ExitCode}): {result.Error}\nmoto_server said:\n{ServerOutput()}");
        }

        return result.Output;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunPythonAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment)
    {
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var pair in environment ?? new Dictionary<string, string>())
        {
            start.Environment[pair.Key] = pair.Value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, string.Empty, "python3 is not on PATH: " + ex.Message);
        }

        using (process)
        {
            using var bound = new CancellationTokenSource(ScriptBound);
            var output = process.StandardOutput.ReadToEndAsync(bound.Token);
            var error = process.StandardError.ReadToEndAsync(bound.Token);
            try
            {
                await process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"python3 {string.Join(" ", arguments)} did not finish within {ScriptBound}.");
            }

            return (process.ExitCode, await output, await error);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
