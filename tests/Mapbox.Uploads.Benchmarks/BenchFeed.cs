using System.IO;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>The local feed of one benchmark script run, packed by its first command and reused by the others through the version.</summary>
internal sealed class BenchFeed : LocalFeed
{
    private BenchFeed(string repository, string root, string version)
        : base(root, version)
    {
        Repository = repository;
    }

    public string Repository { get; }

    /// <summary>Packs into <c>{root}/feed</c>, or reuses the feed when it already holds this <paramref name="version"/>.</summary>
    public static async Task<BenchFeed> CreateAsync(string repository, string root, string? version)
    {
        var feed = new BenchFeed(Path.GetFullPath(repository), Path.GetFullPath(root), version ?? UniqueVersion("bench"));
        if (!File.Exists(feed.PackagePath))
        {
            await feed.PackAsync(feed.Repository);
        }

        return feed;
    }
}
