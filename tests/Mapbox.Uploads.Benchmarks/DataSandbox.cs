using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>
/// A user's data project in a <see cref="SandboxFolder"/> on the bench feed: a net10.0 project with N small GeoJSON
/// tilesets, with or without the Mapbox.Uploads.Build package, and optionally one large GeoJSON tileset more.
/// </summary>
internal sealed class DataSandbox
{
    private const string TinyGeoJson =
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"Auenwald\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[12.329,51.343]}}]}";

    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);
    private readonly BenchFeed _feed;

    public DataSandbox(BenchFeed feed, string name, int tilesets, bool withPackage, long largeBytes = 0)
    {
        _feed = feed;
        Directory = Path.Combine(feed.Root, "sandboxes", name);
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }

        SandboxFolder.Create(Directory, feed.Repository, feed);
        System.IO.Directory.CreateDirectory(Path.Combine(Directory, "data"));
        WriteProject(tilesets, withPackage, largeBytes);
    }

    public string Directory { get; }

    public Task<ProcessResult> RunAsync(IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var withCache = new Dictionary<string, string?>(environment) { ["NUGET_PACKAGES"] = _feed.PackagesDirectory };
        return DotnetProcess.RunAsync(Directory, [.. arguments.Take(1), Path.Combine(Directory, "Data.csproj"), "-nr:false", .. arguments.Skip(1)], withCache, BuildTimeout);
    }

    /// <summary>Restores, then builds once so later builds measure only what a warm incremental build does.</summary>
    public async Task PrepareAsync(IReadOnlyDictionary<string, string?> environment, params string[] buildArguments)
    {
        foreach (var arguments in new[] { new[] { "restore" }, new[] { "build", "--no-restore" }.Concat(buildArguments).ToArray() })
        {
            var result = await RunAsync(environment, arguments);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet {arguments[0]} in {Directory} failed:\n{result.Output}");
            }
        }
    }

    private void WriteProject(int tilesets, bool withPackage, long largeBytes)
    {
        var items = Enumerable.Range(1, tilesets).Select(index =>
        {
            var id = $"bench{index:D2}";
            File.WriteAllText(Path.Combine(Directory, "data", id + ".geojson"), TinyGeoJson);
            return new XElement("MapboxTileset", new XAttribute("Include", $"data/{id}.geojson"), new XAttribute("MapId", id));
        }).ToList();
        if (largeBytes > 0)
        {
            GeoJsonCorpusWriter.Write(Path.Combine(Directory, "data", "large.geojson"), largeBytes);
            items.Add(new XElement("MapboxTileset", new XAttribute("Include", "data/large.geojson"), new XAttribute("MapId", "benchlarge")));
        }

        var package = withPackage
            ? new XElement("ItemGroup", new XElement("PackageReference", new XAttribute("Include", "Mapbox.Uploads.Build"), new XAttribute("Version", _feed.Version)))
            : null;
        var project = new XElement("Project", new XAttribute("Sdk", "Microsoft.NET.Sdk"),
            new XElement("PropertyGroup", new XElement("TargetFramework", "net10.0"), new XElement("ImplicitUsings", "disable")),
            package,
            new XElement("ItemGroup", items));
        File.WriteAllText(Path.Combine(Directory, "Data.csproj"), project.ToString());
    }
}
