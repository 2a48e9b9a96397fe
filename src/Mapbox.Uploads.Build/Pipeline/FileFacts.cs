using System;
using System.IO;

namespace Mapbox.Uploads.Build;

/// <summary>
/// Length and last-write time of a data file's content without reading it: the target's, when the path is a link
/// (git-annex and DVC keep data as links), because a link's own facts do not change when its target does.
/// </summary>
internal static class FileFacts
{
    /// <summary>The file's length and last-write time, or null when they cannot be trusted to follow its content.</summary>
    public static (long Length, DateTime LastWriteUtc)? Of(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return null;
            }

            if ((info.Attributes & FileAttributes.ReparsePoint) != 0)
            {
#if NET
                if (info.ResolveLinkTarget(returnFinalTarget: true) is not FileInfo { Exists: true } target)
                {
                    return null;
                }

                info = target;
#else
                return null;
#endif
            }

            return (info.Length, info.LastWriteTimeUtc);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
