using System;
using System.IO;
using System.Linq;

namespace Mapbox.Uploads.Package.Tests.Infrastructure;

/// <summary>
/// What Linux's /proc tells of the files that dotnet processes hold open. A test uses it to act while a build is
/// reading a data file, a moment the build's output does not show while it runs. (The read position cannot be
/// watched: .NET reads files with pread, which leaves the descriptor's offset at 0.)
/// </summary>
public static class OpenFiles
{
    /// <summary>Whether a dotnet process on this machine holds <paramref name="path"/> open.</summary>
    public static bool IsOpenInDotnet(string path) =>
        Directory.GetDirectories("/proc")
            .Where(process => int.TryParse(Path.GetFileName(process), out _))
            .Where(process => OrNull(() => File.ReadAllText(Path.Combine(process, "comm")).Trim()) == "dotnet")
            .SelectMany(process => OrNull(() => Directory.GetFiles(Path.Combine(process, "fd"))) ?? [])
            .Any(descriptor => OrNull(() => new FileInfo(descriptor).LinkTarget) == path);

    // A process or descriptor may vanish between listing and reading it, or belong to a user this one cannot read.
    private static T? OrNull<T>(Func<T?> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
