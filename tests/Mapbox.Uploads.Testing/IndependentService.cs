using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Mapbox.Uploads.Testing;

/// <summary>
/// tests/independent-service/service.py as a child process: a second implementation of the Uploads API, in
/// Python, written from the contract alone, staging into a real moto_server that checks SigV4 and session tokens.
/// One per test class; killed with its moto child on dispose, whatever the tests did.
/// </summary>
public sealed class IndependentService : IAsyncLifetime
{
    private static readonly TimeSpan StartupBound = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan RequestBound = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HttpClient _http = new() { Timeout = RequestBound };
    private Process? _process;

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>alice's token with every uploads scope.</summary>
    public string Token { get; private set; } = string.Empty;

    /// <summary>bob's token: another account.</summary>
    public string OtherToken { get; private set; } = string.Empty;

    /// <summary>alice's token without uploads:list (the list answers 403).</summary>
    public string NoListToken { get; private set; } = string.Empty;

    public const string User = "alice";

    /// <summary>Arguments after the script: list pages of at most 2 uploads, so a 3-tileset wait and a limit-3 list meet short pages; Tiling Service limits per 3 s window.</summary>
    private static string[] Arguments => ["--user", User, "--other-user", "bob", "--processing-seconds", "1.5", "--page-cap", "2", "--mts-window", "3", "--mts-processing-seconds", "5"];

    public async Task InitializeAsync()
    {
        await RequirePythonModulesAsync();
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-u");
        start.ArgumentList.Add(Repository.PathOf("tests", "independent-service", "service.py"));
        foreach (var argument in Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("python3 service.py did not start.");
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var exited = _process.WaitForExitAsync();
        var first = await Task.WhenAny(_ready.Task, exited, Task.Delay(StartupBound));
        if (first != _ready.Task)
        {
            var why = _process.HasExited ? $"exited with {_process.ExitCode}" : $"printed no tokens within {StartupBound.TotalSeconds} s";
            await DisposeAsync();
            throw new InvalidOperationException($"tests/independent-service/service.py {why}:\n{Output()}");
        }
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        _process = null;
        _http.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Counters the service keeps of API requests: <c>requests</c>, <c>route:create</c>, <c>status:create:409</c>, ...</summary>
    public async Task<Dictionary<string, int>> StatsAsync() =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(await GetAsync("_test/stats"))!;

    public async Task<int> StatAsync(string name) => (await StatsAsync()).GetValueOrDefault(name);

    /// <summary>Every upload record the service holds, with the staged key it was created from.</summary>
    public async Task<List<ServiceUpload>> UploadsAsync()
    {
        using var json = JsonDocument.Parse(await GetAsync("_test/uploads"));
        return json.RootElement.EnumerateArray().Select(u => new ServiceUpload(
            u.GetProperty("id").GetString()!, u.GetProperty("tileset").GetString()!, u.GetProperty("key").GetString()!,
            u.GetProperty("complete").GetBoolean(), u.GetProperty("error").GetString())).ToList();
    }

    /// <summary>What moto holds in the staging bucket (read by the service with boto3), and the multipart uploads still open.</summary>
    public async Task<(Dictionary<string, StagedObject> Objects, List<string> OpenMultipartUploads)> ObjectsAsync()
    {
        using var json = JsonDocument.Parse(await GetAsync("_test/objects"));
        var objects = json.RootElement.GetProperty("objects").EnumerateArray().ToDictionary(
            o => o.GetProperty("key").GetString()!,
            o => new StagedObject(o.GetProperty("size").GetInt64(), o.GetProperty("sha256").GetString()!, o.GetProperty("etag").GetString()!));
        var open = json.RootElement.GetProperty("openMultipartUploads").EnumerateArray().Select(k => k.GetString()!).ToList();
        return (objects, open);
    }

    /// <summary>The Tiling Service side as the service holds it: each tileset's information and job stages, accepted writes per source, 429s per rate class.</summary>
    public async Task<ServiceTiling> TilingAsync()
    {
        using var json = JsonDocument.Parse(await GetAsync("_test/tilesets"));
        var root = json.RootElement;
        return new ServiceTiling(
            root.GetProperty("tilesets").EnumerateObject().ToDictionary(
                t => t.Name,
                t => new ServiceTileset(t.Value.GetProperty("name").GetString()!, t.Value.GetProperty("description").GetString() ?? string.Empty,
                    t.Value.GetProperty("private").GetBoolean(), t.Value.GetProperty("jobs").EnumerateArray().Select(j => j.GetString()!).ToList())),
            Counts(root.GetProperty("sourceWrites")),
            Counts(root.GetProperty("rateLimited")));

        static Dictionary<string, int> Counts(JsonElement counts) => counts.EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetInt32());
    }

    /// <summary>Keeps every upload of the tileset processing until <see cref="ReleaseAsync"/>.</summary>
    public Task HoldAsync(string tileset) => PostAsync($"_test/hold?tileset={Uri.EscapeDataString(tileset)}");

    public Task ReleaseAsync(string tileset) => PostAsync($"_test/release?tileset={Uri.EscapeDataString(tileset)}");

    public string Output()
    {
        lock (_output)
        {
            return _output.ToString();
        }
    }

    private async Task<string> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(BaseUrl, path));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}\n{Output()}");
        return text;
    }

    private async Task PostAsync(string path)
    {
        using var response = await _http.PostAsync(new Uri(BaseUrl, path), null);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode}\n{Output()}");
    }

    private void OnLine(string? line)
    {
        Capture(line);
        if (line is null)
        {
            return;
        }

        if (line.StartsWith("Listening on ", StringComparison.Ordinal))
        {
            BaseUrl = new Uri(line["Listening on ".Length..].Trim());
        }
        else if (line.StartsWith("Token: ", StringComparison.Ordinal))
        {
            Token = line["Token: ".Length..].Trim();
        }
        else if (line.StartsWith("Token-other: ", StringComparison.Ordinal))
        {
            OtherToken = line["Token-other: ".Length..].Trim();
        }
        else if (line.StartsWith("Token-nolist: ", StringComparison.Ordinal))
        {
            NoListToken = line["Token-nolist: ".Length..].Trim();
        }
        else if (line.StartsWith("Moto: ", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 64 * 1024)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static async Task RequirePythonModulesAsync()
    {
        var start = new ProcessStartInfo("python3", ["-c", "import moto, flask, boto3, werkzeug"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process check;
        try
        {
            check = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("The independent-service tests need python3 on PATH with moto 5 (server extras: Flask) and boto3.", ex);
        }

        using (check)
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var error = check.StandardError.ReadToEndAsync(bound.Token);
            await check.WaitForExitAsync(bound.Token);
            if (check.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    "The independent-service tests need moto 5 with its server extras (Flask) and boto3 in python3: " +
                    $"`pip install 'moto[server]==5.2.1'`. `python3 -c 'import moto, flask, boto3, werkzeug'` failed: {await error}");
            }
        }
    }
}

public sealed record ServiceUpload(string Id, string Tileset, string Key, bool Complete, string? Error);

public sealed record StagedObject(long Size, string Sha256, string ETag);

public sealed record ServiceTiling(Dictionary<string, ServiceTileset> Tilesets, Dictionary<string, int> SourceWrites, Dictionary<string, int> RateLimited)
{
    /// <summary>The job stages of a tileset, oldest first; empty when the tileset does not exist.</summary>
    public IReadOnlyList<string> Jobs(string tileset) => Tilesets.TryGetValue(tileset, out var found) ? found.Jobs : [];

    public int Writes(string source) => SourceWrites.GetValueOrDefault(source);
}

public sealed record ServiceTileset(string Name, string Description, bool Private, List<string> Jobs);
