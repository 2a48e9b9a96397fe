using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>
/// The client and task packages packed from the working tree into a private feed under a version no other run used,
/// so a build can never pick up a stale task from a package cache. Sandboxes restore into their own package folder.
/// </summary>
internal sealed class BenchFeed
{
    private BenchFeed(string repository, string root, string version)
    {
        Repository = repository;
        Root = root;
        Version = version;
    }

    public string Repository { get; }

    public string Root { get; }

    public string Version { get; }

    public string FeedDirectory => Path.Combine(Root, "feed");

    public string PackagesDirectory => Path.Combine(Root, "packages");

    /// <summary>Packs into <c>{root}/feed</c>, or reuses the feed when it already holds this <paramref name="version"/>.</summary>
    public static async Task<BenchFeed> CreateAsync(string repository, string root, string? version)
    {
        var seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var feed = new BenchFeed(Path.GetFullPath(repository), Path.GetFullPath(root), version ?? $"0.0.{seconds % 60000 + 1}-bench.{seconds}");
        if (File.Exists(Path.Combine(feed.FeedDirectory, $"Mapbox.Uploads.Build.{feed.Version}.nupkg")))
        {
            return feed;
        }

        Directory.CreateDirectory(feed.FeedDirectory);
        foreach (var project in new[] { "src/Mapbox.Uploads/Mapbox.Uploads.csproj", "src/Mapbox.Uploads.Build/Mapbox.Uploads.Build.csproj" })
        {
            var result = await DotnetProcess.RunAsync(feed.Repository,
                ["pack", Path.Combine(feed.Repository, project), "-c", "Release", "-o", feed.FeedDirectory, $"-p:Version={feed.Version}", "--artifacts-path", Path.Combine(feed.Root, "artifacts"), "-nr:false"],
                new Dictionary<string, string?>(), TimeSpan.FromMinutes(5));
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"Packing {project} failed:\n{result.Output}");
            }
        }

        return feed;
    }
}
