using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Mapbox.Uploads.Changesets;

/// <summary>A temporary file that exists only as long as its stream: the sorted runs and a new index before it is kept.</summary>
internal static class SpillFile
{
    /// <summary>Creates the file in <paramref name="directory"/> (the system temp folder when null), open for writing and reading back.</summary>
    public static FileStream Create(string? directory)
    {
        var folder = directory ?? Path.GetTempPath();
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "mbx-features-" + Guid.NewGuid().ToString("N") + ".tmp");
        var stream = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose);
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            // Unlinked at once: the open handle keeps the bytes, and no name is left behind even if the process is
            // killed. Windows deletes a delete-on-close file when its last handle closes, crash or not.
            File.Delete(path);
        }

        return stream;
    }
}
