using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Tool.Tests.Infrastructure;

/// <summary>
/// The tool packed from the working tree into a local feed under a fresh version, and installed from there with
/// <c>dotnet tool install --tool-path</c>, exactly as a user installs it.
/// </summary>
public sealed class ToolFeed : LocalFeed
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(3);

    private ToolFeed(string root)
        : base(root, UniqueVersion("tool"))
    {
    }

    public static string RepositoryRoot => Repository.Root;

    /// <summary>The installed command, <c>dotnet-mapbox</c>, which <c>dotnet mapbox</c> runs.</summary>
    public string Executable => Path.Combine(Root, "install", "tools", OperatingSystem.IsWindows() ? "dotnet-mapbox.exe" : "dotnet-mapbox");

    public static async Task<ToolFeed> CreateAsync()
    {
        var feed = new ToolFeed(Path.Combine(Path.GetTempPath(), "mbx-tool-tests", $"{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}-{Guid.NewGuid():N}"[..24]));
        await feed.PackAsync(RepositoryRoot, ["src/Mapbox.Uploads.Tool/Mapbox.Uploads.Tool.csproj"]);
        await feed.InstallAsync();
        return feed;
    }

    public void Delete()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A tool process may still hold a file for a moment; the temp folder is cleaned eventually.
        }
    }

    private async Task InstallAsync()
    {
        var directory = Path.Combine(Root, "install");
        SandboxFolder.Create(directory, RepositoryRoot, this);
        var result = await DotnetProcess.RunAsync(directory,
            ["tool", "install", "Mapbox.Uploads.Tool", "--tool-path", Path.Combine(directory, "tools"), "--version", Version],
            new Dictionary<string, string?> { ["NUGET_PACKAGES"] = PackagesDirectory }, InstallTimeout);
        if (result.ExitCode != 0 || !File.Exists(Executable))
        {
            throw new InvalidOperationException($"Installing the tool failed:\n{result}");
        }
    }
}
