using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Testing;

/// <summary>
/// A private NuGet feed with the client and task packages packed from the working tree under a version no earlier
/// run used: a reused MSBuild node or a warm package cache can then never serve a stale task.
/// </summary>
public abstract class LocalFeed
{
    private static readonly TimeSpan PackTimeout = TimeSpan.FromMinutes(5);
    private static readonly string[] PackedProjects = ["src/Mapbox.Uploads/Mapbox.Uploads.csproj", "src/Mapbox.Uploads.Build/Mapbox.Uploads.Build.csproj"];

    protected LocalFeed(string root, string version)
    {
        Root = root;
        Version = version;
    }

    public string Root { get; }

    public string Version { get; }

    public string FeedDirectory => Path.Combine(Root, "feed");

    /// <summary>The sandboxes' NUGET_PACKAGES, shared by every sandbox of the feed so each package is extracted once.</summary>
    public string PackagesDirectory => Path.Combine(Root, "packages");

    public string PackagePath => Path.Combine(FeedDirectory, $"Mapbox.Uploads.Build.{Version}.nupkg");

    /// <summary>A version distinct per run; its patch number becomes the assembly version's third part (at most 65534).</summary>
    protected static string UniqueVersion(string label)
    {
        var seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return $"0.0.{seconds % 60000 + 1}-{label}.{seconds}";
    }

    /// <summary>Packs the repository's client and task projects into the feed, building into the feed's own artifacts folder.</summary>
    protected Task PackAsync(string repositoryRoot) => PackAsync(repositoryRoot, PackedProjects);

    /// <summary>Packs the given projects (paths relative to the repository) into the feed, as <see cref="PackAsync(string)"/> does.</summary>
    protected async Task PackAsync(string repositoryRoot, IReadOnlyList<string> projects)
    {
        Directory.CreateDirectory(FeedDirectory);
        var artifacts = Path.Combine(Root, "artifacts");
        foreach (var project in projects)
        {
            var result = await DotnetProcess.RunAsync(repositoryRoot,
                ["pack", Path.Combine(repositoryRoot, project), "-c", "Release", "-o", FeedDirectory, $"-p:Version={Version}", "--artifacts-path", artifacts, "-nr:false"],
                new Dictionary<string, string?>(), PackTimeout);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"Packing {project} failed:\n{result}");
            }
        }
    }
}
