using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace Mapbox.Uploads.Package.Tests.Infrastructure;

/// <summary>
/// A user's data project in a <see cref="SandboxFolder"/> on the test run's feed: a csproj
/// referencing the package, data files. Runs the real dotnet CLI in it.
/// </summary>
public sealed partial class Sandbox
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(4);
    private static int Counter;
    private readonly PackageFeed _feed;
    private int _runs;

    public Sandbox(PackageFeed feed, string name)
    {
        _feed = feed;
        Directory = Path.Combine(feed.Root, "sandboxes", $"{name}-{Interlocked.Increment(ref Counter)}");
        SandboxFolder.Create(Directory, Repository.Root, feed);
    }

    public string Directory { get; }

    /// <summary>
    /// A copy of a shipped sample (<c>samples/{sample}</c>): the given folders, and its project as <see cref="ProjectPath"/>
    /// with its reference to the package's 0.1.0 pointed at the feed's version, so that it builds as its users build it.
    /// </summary>
    public static Sandbox OfSample(PackageFeed feed, string sample, string name, params string[] folders)
    {
        var sandbox = new Sandbox(feed, name);
        var source = Repository.PathOf("samples", sample);
        foreach (var folder in folders)
        {
            foreach (var file in System.IO.Directory.GetFiles(Path.Combine(source, folder)))
            {
                File.Copy(file, sandbox.PathOf(Path.Combine(folder, Path.GetFileName(file))).EnsureDirectory());
            }
        }

        const string Reference = "Include=\"Mapbox.Uploads.Build\" Version=\"0.1.0\"";
        var project = File.ReadAllText(Path.Combine(source, sample + ".csproj"));
        if (!project.Contains(Reference, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"samples/{sample}/{sample}.csproj no longer references the package as {Reference}; the sandbox could not point it at the feed.");
        }

        File.WriteAllText(sandbox.ProjectPath, project.Replace("Version=\"0.1.0\"", $"Version=\"{feed.Version}\"", StringComparison.Ordinal));
        return sandbox;
    }

    public string ProjectPath => Path.Combine(Directory, "Data.csproj");

    /// <summary>The intermediate directory of a single-target net10.0 build.</summary>
    public string IntermediateDirectory => Path.Combine(Directory, "obj", "Debug", "net10.0");

    /// <summary>Where the package keeps its per-item stamps: one folder per project, whatever the framework or configuration.</summary>
    public string StampDirectory => Path.Combine(Directory, "obj", "mapbox-uploads");

    /// <summary>
    /// Every stamp-shaped file (<c>{data file}.{12 hex}.json</c>) anywhere in the sandbox: a "no stamp was written"
    /// check built on this cannot pass merely because <see cref="StampDirectory"/> names the wrong folder.
    /// </summary>
    public IReadOnlyList<string> StampFilesAnywhere() =>
        System.IO.Directory.EnumerateFiles(Directory, "*.json", SearchOption.AllDirectories)
            .Where(path => StampName().IsMatch(Path.GetFileName(path)))
            .ToList();

    /// <summary>The binary logs of every run, in order.</summary>
    public List<string> BinaryLogs { get; } = new();

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    public void WriteFile(string relative, string content)
    {
        var path = PathOf(relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>Writes the data project: the package reference, the given properties and MapboxTileset items.</summary>
    public void WriteProject(IEnumerable<XElement> tilesets, IReadOnlyDictionary<string, string>? properties = null, string targetFrameworks = "net10.0")
    {
        var frameworks = targetFrameworks.Contains(';')
            ? new XElement("TargetFrameworks", targetFrameworks)
            : new XElement("TargetFramework", targetFrameworks);
        var project = new XElement("Project", new XAttribute("Sdk", "Microsoft.NET.Sdk"),
            new XElement("PropertyGroup",
                frameworks,
                new XElement("ImplicitUsings", "disable"),
                (properties ?? new Dictionary<string, string>()).Select(p => new XElement(p.Key, p.Value))),
            new XElement("ItemGroup",
                new XElement("PackageReference", new XAttribute("Include", "Mapbox.Uploads.Build"), new XAttribute("Version", _feed.Version))),
            new XElement("ItemGroup", tilesets));
        File.WriteAllText(ProjectPath, project.ToString());
    }

    [GeneratedRegex(@"^.+\.[0-9a-f]{12}\.json$")]
    private static partial Regex StampName();

    public static XElement Tileset(string include, string mapId, params (string Name, string Value)[] metadata) =>
        new("MapboxTileset", new XAttribute("Include", include), new XAttribute("MapId", mapId),
            metadata.Select(m => new XAttribute(m.Name, m.Value)));

    /// <summary>Runs <c>dotnet {command}</c> with a binary log, no node reuse and the given environment.</summary>
    public Task<ProcessResult> RunAsync(string command, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var (commandLine, environmentWithCache) = Invocation(command, environment, arguments);
        return DotnetProcess.RunAsync(Directory, commandLine, environmentWithCache, BuildTimeout);
    }

    /// <summary>As <see cref="RunAsync(string, IReadOnlyDictionary{string, string?}, string[])"/>, handing the running process to <paramref name="started"/>.</summary>
    public Task<ProcessResult> RunAsync(string command, IReadOnlyDictionary<string, string?> environment, Action<System.Diagnostics.Process> started, params string[] arguments)
    {
        var (commandLine, environmentWithCache) = Invocation(command, environment, arguments);
        return DotnetProcess.RunAsync(Directory, commandLine, environmentWithCache, BuildTimeout, started);
    }

    /// <summary>As <see cref="RunAsync(string, IReadOnlyDictionary{string, string?}, string[])"/>, in a pseudo-terminal as a person runs it.</summary>
    public Task<ProcessResult> RunInTerminalAsync(string command, IReadOnlyDictionary<string, string?> environment, params string[] arguments)
    {
        var (commandLine, environmentWithCache) = Invocation(command, environment, arguments);
        return DotnetProcess.RunInTerminalAsync(Directory, commandLine, environmentWithCache, BuildTimeout);
    }

    private (string[] CommandLine, Dictionary<string, string?> Environment) Invocation(string command, IReadOnlyDictionary<string, string?> environment, string[] arguments)
    {
        var binlog = PathOf($"run{++_runs}-{command}.binlog");
        BinaryLogs.Add(binlog);
        var environmentWithCache = new Dictionary<string, string?>(environment) { ["NUGET_PACKAGES"] = _feed.PackagesDirectory };
        return ([command, ProjectPath, "-nr:false", $"-bl:{binlog}", .. arguments], environmentWithCache);
    }
}

public static class PathExtensions
{
    /// <summary>Creates the file's folder and returns the path, for copies into a sandbox.</summary>
    public static string EnsureDirectory(this string filePath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(filePath)!);
        return filePath;
    }
}
