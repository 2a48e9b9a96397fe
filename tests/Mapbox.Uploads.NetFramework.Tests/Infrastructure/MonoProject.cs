using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace Mapbox.Uploads.NetFramework.Tests.Infrastructure;

/// <summary>
/// A data project as Visual Studio's MSBuild would build it: a folder with data files, the properties a project and
/// MSBuild would set, and the packed targets' task call run by the .NET Framework host under Mono.
/// </summary>
public sealed class MonoProject : IDisposable
{
    public const string TokenVariable = "MAPBOX_ACCESS_TOKEN";
    private readonly PackedTargets _targets;

    public MonoProject(PackedTask package, Uri apiUrl)
    {
        _targets = new PackedTargets(package);
        Directory = Path.Combine(package.Root, "projects", Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        Properties = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["MapboxApiUrl"] = apiUrl.ToString(),
            // What the .targets compute with property functions from the project's obj/ folder.
            ["_MapboxUploadStampDir"] = Path.Combine(Directory, "obj", "mapbox-uploads") + Path.DirectorySeparatorChar,
            ["MapboxUploadManifestPath"] = Path.Combine(Directory, "obj", "Release", "mapbox-uploads.json"),
        };
    }

    public string Directory { get; }

    /// <summary>The project's and the command line's properties; the packed props fill in the rest.</summary>
    public Dictionary<string, string> Properties { get; }

    public string StampDirectory => Properties["_MapboxUploadStampDir"];

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    public string WriteFile(string relative, string content)
    {
        var path = PathOf(relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Builds with the token in <see cref="TokenVariable"/> (none when null).</summary>
    public Task<HostRun> BuildAsync(NetFrameworkHost host, string? token, IEnumerable<TilesetItem> items, Func<RunningHost, Task>? started = null)
    {
        var environment = new Dictionary<string, string>();
        if (token is not null)
        {
            environment[TokenVariable] = token;
        }

        return host.RunAsync(_targets.Invocation(Directory, Properties, items), environment, started);
    }

    public void Dispose() => PackedTask.TryDelete(Directory);
}
