using System.Collections.Generic;
using System.IO;
using System.Linq;
using Mapbox.Uploads.Sources;

namespace Mapbox.Uploads.Build;

/// <summary>
/// A tileset source's size as the service holds it, the bytes a job processes: a line-delimited file is sent byte for
/// byte (a final newline added when missing), so its size is exact; a FeatureCollection or Feature is converted
/// while it is sent (line breaks dropped, one feature per line), so its size is at most its length plus one.
/// </summary>
/// <param name="Bytes">The bytes, exact or an upper bound.</param>
/// <param name="Exact">False when a file is converted while sent.</param>
internal sealed record SourceSize(long Bytes, bool Exact)
{
    public static SourceSize Of(IReadOnlyList<PipelineItem> files, IReadOnlyList<ContentFingerprint> contents)
    {
        var sizes = files.Select((file, i) => Of(file.Ref.FullPath, contents[i].Length)).ToList();
        return new SourceSize(sizes.Sum(size => size.Bytes), sizes.All(size => size.Exact));
    }

    private static SourceSize Of(string path, long length) =>
        SourceFileFormats.Of(path) == SourceFileFormat.LineDelimited
            ? new SourceSize(length + (EndsWithNewline(path, length) ? 0 : 1), true)
            : new SourceSize(length + 1, false);

    private static bool EndsWithNewline(string path, long length)
    {
        if (length == 0)
        {
            return true;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1);
        file.Position = length - 1;
        return file.ReadByte() == '\n';
    }
}
