using System;
using System.IO;
using System.IO.Compression;
using System.Threading.Tasks;

namespace Mapbox.Uploads.NetFramework.Tests.Infrastructure;

/// <summary>
/// The task package packed from the working tree once per test run and unzipped, as NuGet would extract it: the
/// tests run its tasks/net472 build, with its build/ props and targets deciding the parameters.
/// </summary>
public sealed class PackedTask : LocalFeed
{
    private static readonly Lazy<Task<PackedTask>> Shared = new(CreateAsync);

    private PackedTask(string root)
        : base(root, UniqueVersion("mono"))
    {
    }

    public static Task<PackedTask> GetAsync() => Shared.Value;

    /// <summary>The unzipped package: build/, tasks/net472/, ...</summary>
    public string PackageDirectory => Path.Combine(Root, "package");

    public string PathOf(params string[] parts) => Path.Combine([PackageDirectory, .. parts]);

    private static async Task<PackedTask> CreateAsync()
    {
        var task = new PackedTask(Path.Combine(Path.GetTempPath(), "mbx-mono-tests", Guid.NewGuid().ToString("N")[..12]));
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(task.Root);
        await task.PackAsync(Repository.Root);
        ZipFile.ExtractToDirectory(task.PackagePath, task.PackageDirectory);
        return task;
    }

    internal static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file for a moment; the temp folder is cleaned eventually.
        }
    }
}
