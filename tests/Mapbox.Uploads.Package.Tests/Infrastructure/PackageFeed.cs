using System;
using System.IO;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Package.Tests.Infrastructure;

/// <summary>
/// The local feed, packed once per test run and shared by every test class, so the classes can run in parallel on
/// one pack; deleted when the run ends.
/// </summary>
public sealed class PackageFeed : LocalFeed
{
    private static readonly Lazy<Task<PackageFeed>> Shared = new(CreateAsync);

    private PackageFeed(string root)
        : base(root, UniqueVersion("test"))
    {
    }

    public static Task<PackageFeed> GetAsync() => Shared.Value;

    private static async Task<PackageFeed> CreateAsync()
    {
        var seconds = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var feed = new PackageFeed(Path.Combine(Path.GetTempPath(), "mbx-package-tests", $"{seconds}-{Guid.NewGuid():N}"[..24]));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => feed.Delete();
        await feed.PackAsync(Repository.Root);
        return feed;
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
