using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Threading.Tasks;
using Mapbox.Uploads.Package.Tests.Infrastructure;

namespace Mapbox.Uploads.Package.Tests;

/// <summary>
/// Ring 3: Visual Studio's MSBuild (.NET Framework) loads the task without isolation, so every assembly
/// the net472 task references beyond the framework must be one MSBuild 17.11.20 already carries, at a
/// version its binding redirects cover. A newer reference would fail to load there: the metadata shows it
/// here, and tests/Mapbox.Uploads.NetFramework.Tests shows the load itself under Mono.
/// </summary>
public sealed class PackageReferencesTests
{
    /// <summary>
    /// The highest assembly versions the MSBuild of Visual Studio 2022 17.11.20 redirects to (the oldest MSBuild the
    /// package supports; later ones carry newer copies, which their redirects cover). The source is
    /// tests/Mapbox.Uploads.NetFramework.Host/VisualStudio/msbuild-17.11.config.
    /// </summary>
    private static readonly Dictionary<string, Version> CarriedByMSBuild = new(StringComparer.Ordinal)
    {
        ["Microsoft.Build.Framework"] = new Version(15, 1, 0, 0),
        ["Microsoft.Build.Utilities.Core"] = new Version(15, 1, 0, 0),
        ["System.Text.Json"] = new Version(8, 0, 0, 5),
        ["Microsoft.Bcl.AsyncInterfaces"] = new Version(8, 0, 0, 0),
        ["System.Memory"] = new Version(4, 0, 1, 2),
        ["System.Buffers"] = new Version(4, 0, 3, 0),
        ["System.Threading.Tasks.Extensions"] = new Version(4, 2, 0, 1),
        ["System.Runtime.CompilerServices.Unsafe"] = new Version(6, 0, 0, 0),
        ["System.Numerics.Vectors"] = new Version(4, 1, 4, 0),
    };

    /// <summary>Shipped beside the task in the same folder.</summary>
    private const string Client = "Mapbox.Uploads";

    private static readonly string[] FrameworkAssemblies =
    [
        "mscorlib", "netstandard", "System", "System.Core", "System.Xml", "System.Xml.Linq", "System.Net.Http",
        "System.IO.Compression", "System.IO.Compression.FileSystem", "System.Numerics", "System.Runtime.Serialization",
    ];

    [Theory]
    [InlineData("tasks/net472/Mapbox.Uploads.Build.dll")]
    [InlineData("tasks/net472/Mapbox.Uploads.dll")]
    public async Task The_net472_task_references_only_the_framework_and_what_MSBuild_carries(string entryName)
    {
        var feed = await PackageFeed.GetAsync();

        var references = ReadAssemblyReferences(feed.PackagePath, entryName);

        Assert.NotEmpty(references);
        Assert.All(references, reference =>
        {
            if (FrameworkAssemblies.Contains(reference.Name) || reference.Name == Client)
            {
                return;
            }

            Assert.True(CarriedByMSBuild.TryGetValue(reference.Name, out var highest),
                $"{entryName} references {reference.Name} {reference.Version}, which Visual Studio's MSBuild does not carry; it would not load there.");
            Assert.True(reference.Version <= highest,
                $"{entryName} references {reference.Name} {reference.Version}, newer than the {highest} Visual Studio's MSBuild redirects to.");
        });
    }

    [Fact]
    public async Task The_net8_task_references_no_package_assembly_beyond_the_client()
    {
        var feed = await PackageFeed.GetAsync();

        var references = ReadAssemblyReferences(feed.PackagePath, "tasks/net8.0/Mapbox.Uploads.Build.dll");

        Assert.DoesNotContain(references, reference =>
            !reference.Name.StartsWith("System", StringComparison.Ordinal)
            && !reference.Name.StartsWith("Microsoft.Build", StringComparison.Ordinal)
            && reference.Name is not (Client or "netstandard" or "Microsoft.Win32.Primitives"));
    }

    private static List<(string Name, Version Version)> ReadAssemblyReferences(string packagePath, string entryName)
    {
        using var package = ZipFile.OpenRead(packagePath);
        var entry = package.GetEntry(entryName) ?? throw new InvalidOperationException($"{entryName} is not in the package.");
        using var image = new MemoryStream();
        using (var stream = entry.Open())
        {
            stream.CopyTo(image);
        }

        image.Position = 0;
        using var pe = new PEReader(image);
        var metadata = pe.GetMetadataReader();
        return metadata.AssemblyReferences
            .Select(handle => metadata.GetAssemblyReference(handle))
            .Select(reference => (metadata.GetString(reference.Name), reference.Version))
            .ToList();
    }
}
