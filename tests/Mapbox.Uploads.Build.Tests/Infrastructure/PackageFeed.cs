using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Build.Tests.Infrastructure;

/// <summary>
/// Packs the client and the task package once per test run into a local feed, under a version no
/// earlier run used: a reused MSBuild node or a warm package cache can then never serve a stale task.
/// Shared by every test class, so the classes can run in parallel on one pack.
/// </summary>
public sealed class PackageFeed
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);
    private static readonly Lazy<Task<PackageFeed>> Shared = new(CreateAsync);

    private PackageFeed()
    {
        var seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        // The patch number becomes the assembly version's third part, distinct per run (at most 65534).
        Version = $"0.0.{seconds % 60000 + 1}-test.{seconds}";
        Root = Path.Combine(Path.GetTempPath(), "mbx-package-tests", $"{seconds}-{Guid.NewGuid():N}"[..24]);
        FeedDirectory = Path.Combine(Root, "feed");
        PackagesDirectory = Path.Combine(Root, "packages");
    }

    public string Version { get; }

    public string Root { get; }

    public string FeedDirectory { get; }

    /// <summary>The sandboxes' NUGET_PACKAGES, shared by the run so each package is extracted once.</summary>
    public string PackagesDirectory { get; }

    public string PackagePath => Path.Combine(FeedDirectory, $"Mapbox.Uploads.Build.{Version}.nupkg");

    public static Task<PackageFeed> GetAsync() => Shared.Value;

    private static async Task<PackageFeed> CreateAsync()
    {
        var feed = new PackageFeed();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => feed.Delete();
        await feed.PackAsync();
        return feed;
    }

    private async Task PackAsync()
    {
        Directory.CreateDirectory(FeedDirectory);
        var artifacts = Path.Combine(Root, "artifacts");
        foreach (var project in new[] { "src/Mapbox.Uploads/Mapbox.Uploads.csproj", "src/Mapbox.Uploads.Build/Mapbox.Uploads.Build.csproj" })
        {
            var result = await DotnetProcess.RunAsync(Repository.Root,
                ["pack", Repository.PathOf(project), "-o", FeedDirectory, $"-p:Version={Version}", "--artifacts-path", artifacts, "-nr:false"],
                new Dictionary<string, string?>(), PackTimeout);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"Packing {project} failed:\n{result}");
            }
        }
    }

    private void Delete()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A build process may still hold a file for a moment; the temp folder is cleaned eventually.
        }
    }
}
