using System.IO.Compression;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using Mapbox.Uploads.Package.Tests.Infrastructure;

namespace Mapbox.Uploads.Package.Tests;

/// <summary>Ring 3: the .nupkg has the layout MSBuild and NuGet expect of a build-time task package.</summary>
public sealed class PackageLayoutTests
{
    [Fact]
    public async Task The_package_holds_the_targets_both_task_builds_and_nothing_for_lib()
    {
        var feed = await PackageFeed.GetAsync();
        using var package = ZipFile.OpenRead(feed.PackagePath);
        var entries = package.Entries.Select(e => e.FullName).Where(n => !n.StartsWith("package/") && !n.StartsWith("_rels/") && n != "[Content_Types].xml")
            .Order().ToList();

        Assert.Equal(
        [
            "Mapbox.Uploads.Build.nuspec",
            "README.md",
            "build/Mapbox.Uploads.Build.props",
            "build/Mapbox.Uploads.Build.targets",
            "buildMultiTargeting/Mapbox.Uploads.Build.props",
            "buildMultiTargeting/Mapbox.Uploads.Build.targets",
            "icon.png",
            "tasks/net472/Mapbox.Uploads.Build.dll",
            "tasks/net472/Mapbox.Uploads.dll",
            "tasks/net8.0/Mapbox.Uploads.Build.deps.json",
            "tasks/net8.0/Mapbox.Uploads.Build.dll",
            "tasks/net8.0/Mapbox.Uploads.dll",
        ], entries.Order(System.StringComparer.Ordinal));

        using var nuspecStream = package.GetEntry("Mapbox.Uploads.Build.nuspec")!.Open();
        var nuspec = XDocument.Load(nuspecStream);
        var metadata = nuspec.Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
        Assert.Equal("true", Value("developmentDependency"));
        Assert.Equal(feed.Version, Value("version"));
        Assert.Equal("icon.png", Value("icon"));
        Assert.Equal("README.md", Value("readme"));
        Assert.DoesNotContain(metadata.Elements(), e => e.Name.LocalName == "dependencies" && e.Descendants().Any(d => d.Name.LocalName == "dependency"));
    }

    [Fact]
    public async Task The_client_package_ships_both_builds_with_their_XML_documentation_and_only_its_JSON_dependencies()
    {
        var feed = await PackageFeed.GetAsync();
        using var package = ZipFile.OpenRead(System.IO.Path.Combine(feed.FeedDirectory, $"Mapbox.Uploads.{feed.Version}.nupkg"));
        var entries = package.Entries.Select(e => e.FullName).ToList();

        foreach (var framework in new[] { "netstandard2.0", "net8.0" })
        {
            Assert.Contains($"lib/{framework}/Mapbox.Uploads.dll", entries);
            Assert.Contains($"lib/{framework}/Mapbox.Uploads.xml", entries);
        }

        Assert.Contains("README.md", entries);
        using var nuspecStream = package.GetEntry("Mapbox.Uploads.nuspec")!.Open();
        var groups = XDocument.Load(nuspecStream).Descendants().Where(e => e.Name.LocalName == "group")
            .ToDictionary(g => g.Attribute("targetFramework")!.Value, g => g.Elements().Select(d => d.Attribute("id")!.Value).Order().ToList());
        Assert.Equal(["Microsoft.Bcl.AsyncInterfaces", "System.Text.Json"], groups[".NETStandard2.0"]);
        Assert.Empty(groups["net8.0"]);
    }
}
