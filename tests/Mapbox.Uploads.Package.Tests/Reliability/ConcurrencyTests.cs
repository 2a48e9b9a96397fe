using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Package.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Mapbox.Uploads.Package.Tests.Reliability;

/// <summary>
/// Ring 3: four data projects built at once (<c>dotnet build -m</c> of a solution) against one emulator whose rate
/// limit they share: 10 API requests per 5 s per token. All succeed, by waiting out the 429s the emulator answers.
/// </summary>
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    private const int Projects = 4;

    [Fact]
    public async Task Four_projects_built_in_parallel_under_a_tight_rate_limit_all_succeed_by_honouring_429()
    {
        var feed = await PackageFeed.GetAsync();
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            ProcessingTime = TimeSpan.FromSeconds(1),
            RateLimitPerMinute = 10,
            RateLimitWindow = TimeSpan.FromSeconds(5),
        });
        var token = emulator.MintToken("lindenau");
        var sandbox = new Sandbox(feed, "parallel-projects");
        var names = Enumerable.Range(1, Projects).Select(i => $"district{i}").ToList();
        foreach (var name in names)
        {
            sandbox.WriteFile($"{name}/data/parks.geojson", DataProject.ParksGeoJson.Replace("Auenwald", $"Park of {name}"));
            sandbox.WriteFile($"{name}/data/roads.geojson", SampleData.RoadsGeoJson.Replace("Main St", $"Road of {name}"));
            var project = new XElement("Project", new XAttribute("Sdk", "Microsoft.NET.Sdk"),
                new XElement("PropertyGroup", new XElement("TargetFramework", "net10.0"), new XElement("ImplicitUsings", "disable")),
                new XElement("ItemGroup",
                    new XElement("PackageReference", new XAttribute("Include", "Mapbox.Uploads.Build"), new XAttribute("Version", feed.Version))),
                new XElement("ItemGroup", Sandbox.Tileset("data/parks.geojson", $"{name}-parks"), Sandbox.Tileset("data/roads.geojson", $"{name}-roads")));
            sandbox.WriteFile($"{name}/{name}.csproj", project.ToString());
        }

        var solution = new XElement("Solution", names.Select(name => new XElement("Project", new XAttribute("Path", $"{name}/{name}.csproj"))));
        sandbox.WriteFile("districts.slnx", solution.ToString());
        var binlog = sandbox.PathOf("parallel.binlog");
        var environment = new Dictionary<string, string?>(DataProject.WithToken(token, ci: true)) { ["NUGET_PACKAGES"] = feed.PackagesDirectory };

        var result = await DotnetProcess.RunAsync(sandbox.Directory,
            ["build", sandbox.PathOf("districts.slnx"), $"-m:{Projects}", "-nr:false", $"-bl:{binlog}", $"-p:MapboxApiUrl={emulator.BaseUrl}"],
            environment, TimeSpan.FromMinutes(4));

        var requests = emulator.Requests;
        var answered429 = requests.Count(r => r.StatusCode == 429);
        output.WriteLine($"exit {result.ExitCode} in {result.Duration.TotalSeconds:F1} s; {requests.Count(r => r.Route != EmulatorRoute.S3)} API requests, {answered429} answered 429");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.ErrorCodes);
        Assert.True(answered429 >= 3, $"only {answered429} 429s: the limit was not tight enough to prove anything");
        Assert.All(requests.Where(r => r.StatusCode == 429), r => Assert.Null(r.InjectedFault));
        var created = requests.Where(r => r.Route == EmulatorRoute.Create && r.StatusCode == 201).ToList();
        Assert.Equal(Projects * 2, created.Count);
        foreach (var name in names)
        {
            var manifest = Path.Combine(sandbox.Directory, name, "obj", "Debug", "net10.0", "mapbox-uploads.json");
            var text = File.ReadAllText(manifest);
            Assert.Equal(2, text.Split("\"Succeeded\"").Length - 1);
        }
    }
}
