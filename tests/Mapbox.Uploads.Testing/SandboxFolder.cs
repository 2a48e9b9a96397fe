using System;
using System.IO;
using System.Xml.Linq;

namespace Mapbox.Uploads.Testing;

/// <summary>
/// Makes a folder a place for a user's data project, cut off from the repository's build: the repository's
/// global.json (the same SDK), empty Directory.Build files, and a NuGet.config with only the local feed and the
/// machine's package folder as a read-only fallback for targeting packs.
/// </summary>
public static class SandboxFolder
{
    public static void Create(string directory, string repositoryRoot, LocalFeed feed)
    {
        Directory.CreateDirectory(directory);
        File.Copy(Path.Combine(repositoryRoot, "global.json"), Path.Combine(directory, "global.json"));
        File.WriteAllText(Path.Combine(directory, "Directory.Build.props"), "<Project />\n");
        File.WriteAllText(Path.Combine(directory, "Directory.Build.targets"), "<Project />\n");
        WriteNuGetConfig(directory, feed);
    }

    private static void WriteNuGetConfig(string directory, LocalFeed feed)
    {
        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var config = new XElement("configuration",
            new XElement("packageSources",
                new XElement("clear"),
                new XElement("add", new XAttribute("key", "local-feed"), new XAttribute("value", feed.FeedDirectory))),
            new XElement("fallbackPackageFolders",
                new XElement("add", new XAttribute("key", "machine"), new XAttribute("value", machinePackages))));
        File.WriteAllText(Path.Combine(directory, "NuGet.config"), config.ToString());
    }
}
