using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using System.Xml.Linq;
using Mapbox.Uploads.NetFramework.Tests.Infrastructure;

namespace Mapbox.Uploads.NetFramework.Tests;

/// <summary>
/// The check bites: the hosts hold exactly what their MSBuild ships, and under the redirects of Visual Studio 17.10's
/// MSBuild (System.Text.Json 8.0.0.0) the task cannot load, so a reference that a supported Visual Studio cannot
/// bind turns this suite red instead of a user's build.
/// </summary>
[Collection(MonoEmulatorCollection.Name)]
public sealed class BindingRedirectTests(MonoEmulator shared)
{
    private static readonly XNamespace Binding = "urn:schemas-microsoft-com:asm.v1";

    [Theory]
    [InlineData(NetFrameworkHost.OldestSupported, "8.0.0.5")]
    [InlineData(NetFrameworkHost.Unsupported, "8.0.0.0")]
    public async Task Each_hosts_folder_holds_the_assembly_versions_its_MSBuild_redirects_to(string visualStudio, string systemTextJson)
    {
        var host = await NetFrameworkHost.ForAsync(visualStudio);
        var redirects = XDocument.Load(host.ConfigPath).Descendants(Binding + "dependentAssembly").ToDictionary(
            dependent => (string)dependent.Element(Binding + "assemblyIdentity")!.Attribute("name")!,
            dependent => Version.Parse((string)dependent.Element(Binding + "bindingRedirect")!.Attribute("newVersion")!));

        var shipped = Directory.GetFiles(host.BinDirectory, "*.dll").Select(AssemblyName.GetAssemblyName).Where(name => redirects.ContainsKey(name.Name!)).ToList();

        Assert.Equal(Version.Parse(systemTextJson), redirects["System.Text.Json"]);
        Assert.Contains(shipped, name => name.Name == "System.Text.Json");
        Assert.All(shipped, name => Assert.True(name.Version == redirects[name.Name!], $"{name.Name} {name.Version} in the host, MSBuild {visualStudio} redirects to {redirects[name.Name!]}"));
    }

    [Fact]
    public async Task Under_Visual_Studio_17_10s_MSBuild_the_task_cannot_bind_System_Text_Json_8_0_0_5_and_the_build_fails()
    {
        var host = await NetFrameworkHost.ForAsync(NetFrameworkHost.Unsupported);
        using var project = new MonoProject(shared.Package, shared.Emulator.BaseUrl);
        project.WriteFile("data/parks.geojson", DataFiles.ParksGeoJson);

        var run = await project.BuildAsync(host, shared.Emulator.MintToken("vs-old"), [TilesetItem.Of("data/parks.geojson", "parks")]);

        Assert.True(run.ExitCode != 0, run.ToString());
        Assert.DoesNotContain(run.Results, result => result.Metadata["Status"] == "Succeeded");
        // The task reports the load failure as MBX9000; had it escaped, MSBuild would report MSB4018: an error either way.
        const string LoadFailure = "Could not load file or assembly 'System.Text.Json, Version=8.0.0.5";
        Assert.True(run.Lines.Any(line => line[0] is "error" or "crash" && line.Any(field => field.Contains(LoadFailure, StringComparison.Ordinal))), run.ToString());
    }
}
