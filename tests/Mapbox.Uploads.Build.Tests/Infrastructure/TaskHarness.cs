using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Mapbox.Uploads.Build.Tests.Infrastructure;

/// <summary>A data folder, a fake engine and a configured MapboxUpload task: one run of the task per call.</summary>
public sealed class TaskHarness : IDisposable
{
    private readonly List<ITaskItem> _items = new();

    public TaskHarness()
    {
        Directory = Path.Combine(Path.GetTempPath(), "mbx-task-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    public string StampDirectory => Path.Combine(Directory, "obj", "mapbox-uploads");

    public string ManifestPath => Path.Combine(Directory, "obj", "mapbox-uploads.json");

    public Dictionary<string, string?> Environment { get; } = new();

    /// <summary>Sets knobs on each new task before it runs.</summary>
    public Action<MapboxUpload>? Configure { get; set; }

    public string Write(string relative, string content)
    {
        var path = Path.Combine(Directory, relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public TaskHarness Item(string relative, string mapId, params (string Name, string Value)[] metadata)
    {
        var item = new TaskItem(Path.Combine(Directory, relative));
        if (mapId.Length > 0)
        {
            item.SetMetadata("MapId", mapId);
        }

        item.SetMetadata("Validate", "true");
        foreach (var (name, value) in metadata)
        {
            item.SetMetadata(name, value);
        }

        _items.Add(item);
        return this;
    }

    public (bool Succeeded, FakeBuildEngine Engine, MapboxUpload Task) Run(string apiUrl)
    {
        var task = Create(apiUrl);
        var succeeded = task.Execute();
        return (succeeded, (FakeBuildEngine)task.BuildEngine, task);
    }

    public MapboxUpload Create(string apiUrl)
    {
        var task = new MapboxUpload
        {
            BuildEngine = new FakeBuildEngine(),
            Tilesets = _items.ToArray(),
            ApiUrl = apiUrl,
            AccessTokenVariable = PackageDefaults.Of("MapboxAccessTokenVariable"),
            Wait = bool.Parse(PackageDefaults.Of("MapboxUploadWait")),
            MaxParallel = PackageDefaults.Of("MapboxUploadMaxParallel"),
            IncrementalMaxChangePercent = PackageDefaults.Of("MapboxIncrementalMaxChangePercent"),
            StampDirectory = StampDirectory,
            ManifestPath = ManifestPath,
            Timeout = "30",
            GetEnvironmentVariable = name => Environment.TryGetValue(name, out var value) ? value : null,
            ConfigureClient = options =>
            {
                options.PollInterval = TimeSpan.FromMilliseconds(50);
                options.MaxPollInterval = TimeSpan.FromMilliseconds(200);
                options.Retry.InitialDelay = TimeSpan.FromMilliseconds(10);
                options.Retry.MaxDelay = TimeSpan.FromMilliseconds(50);
            },
        };
        Configure?.Invoke(task);
        return task;
    }

    public static string Metadata(MapboxUpload task, string file, string name) =>
        task.Results.Single(r => Path.GetFileName(r.ItemSpec) == file).GetMetadata(name);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the OS cleans the temp folder eventually.
        }
    }
}
