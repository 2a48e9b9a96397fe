using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;

namespace Mapbox.Uploads.Tool.Tests.Infrastructure;

/// <summary>
/// One installed tool and one emulator for the whole collection; every run is kept so a test can search all the
/// output of the session for secrets.
/// </summary>
public sealed class ToolFixture : IAsyncLifetime
{
    public const string Username = "terminal";
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);
    private ToolFeed? _feed;
    private EmulatorServer? _emulator;

    public ToolFeed Feed => _feed ?? throw new InvalidOperationException("Not initialized.");

    public EmulatorServer Emulator => _emulator ?? throw new InvalidOperationException("Not initialized.");

    public string Token { get; private set; } = string.Empty;

    /// <summary>A folder for the test's data files.</summary>
    public string DataDirectory => Directory.CreateDirectory(Path.Combine(Feed.Root, "data")).FullName;

    /// <summary>Every run of the session, in order.</summary>
    public ConcurrentQueue<ToolRun> Runs { get; } = new();

    public async Task InitializeAsync()
    {
        _feed = await ToolFeed.CreateAsync();
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            ProcessingTime = TimeSpan.FromMilliseconds(600),
            RateLimitPerMinute = 0,
            // The suite is about the commands: dozens of publishes within a minute would each wait out the service's
            // 2 a minute. The limit itself is proven by the emulator's and the client's tests.
            TilesetPublishesPerMinute = 0,
            MinimumPartSize = 1024 * 1024,
            TilesetProcessingTime = TimeSpan.FromMilliseconds(300),
            AccountFlags = new HashSet<string> { "api_rasterarrays" },
        });
        Token = _emulator.MintToken(Username, ["uploads:read", "uploads:write", "uploads:list", .. EmulatorServer.TilesetScopes]);
    }

    public async Task DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        _feed?.Delete();
    }

    /// <summary>Runs <c>dotnet mapbox</c> against the emulator with the token in MAPBOX_ACCESS_TOKEN.</summary>
    public Task<ToolRun> RunAsync(params string[] arguments) => RunAsync(arguments, whileRunning: null);

    public Task<ToolRun> RunAsync(IReadOnlyList<string> arguments, Func<RunningTool, Task>? whileRunning) =>
        RunWithEnvironmentAsync([.. arguments, "--api-url", Emulator.BaseUrl.ToString()], new Dictionary<string, string?> { ["MAPBOX_ACCESS_TOKEN"] = Token }, whileRunning);

    /// <summary>Runs the tool with exactly the given arguments and environment.</summary>
    public async Task<ToolRun> RunWithEnvironmentAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, Func<RunningTool, Task>? whileRunning = null)
    {
        var run = await ToolProcess.RunAsync(Feed.Executable, arguments, environment, RunTimeout, whileRunning);
        Runs.Enqueue(run);
        return run;
    }

    public string WriteData(string name, string content)
    {
        var path = Path.Combine(DataDirectory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public string WriteData(string name, byte[] content)
    {
        var path = Path.Combine(DataDirectory, name);
        File.WriteAllBytes(path, content);
        return path;
    }
}

[CollectionDefinition(Name)]
public sealed class ToolCollection : ICollectionFixture<ToolFixture>
{
    public const string Name = "installed tool";
}
