using System;
using System.IO;
using System.Text.Json;

namespace Mapbox.Uploads.Build;

/// <summary>
/// The stamps of a project: one <see cref="ItemRecord"/> per item (file and tileset) in one folder, which a CI pipeline
/// may cache between runs (MapboxUploadStampDirectory).
/// </summary>
internal sealed class StampStore
{
    /// <summary>
    /// A file written within this time before its stamp may have changed again within the same timestamp tick (FAT
    /// keeps 2 s), so equal facts prove nothing: git's racy-timestamp rule.
    /// </summary>
    public static readonly TimeSpan TimestampGranularity = TimeSpan.FromSeconds(2);

    private readonly string _directory;

    public StampStore(string directory) => _directory = directory;

    public string PathFor(ItemRef item) => PathFor(item, ItemRef.PathsIgnoreCase);

    internal string PathFor(ItemRef item, bool pathsIgnoreCase) => Path.Combine(_directory, item.StampFileName(pathsIgnoreCase));

    /// <summary>The item's stamp and when it was written, or null when there is none or it cannot be read.</summary>
    public Stamp? Read(ItemRef item)
    {
        var path = PathFor(item);
        try
        {
            var written = File.GetLastWriteTimeUtc(path);
            var record = RecordJson.DeserializeRecord(File.ReadAllBytes(path));

            // A stamp of an earlier version (or edited by hand) lacks inputs: it proves nothing, so the item goes up again.
            return record is { Tileset: not null, Account: not null, ApiUrl: not null, Parameters: not null } ? new Stamp(record, written) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Writes the item's stamp; throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>.</summary>
    public string Write(ItemRef item, ItemRecord record)
    {
        var path = PathFor(item);
        Directory.CreateDirectory(_directory);
        File.WriteAllBytes(path, RecordJson.Serialize(record));
        return path;
    }
}

/// <summary>A stamp as read: its record, and when the stamp file was written (for the racy-timestamp rule).</summary>
internal sealed record Stamp(ItemRecord Record, DateTime WrittenUtc)
{
    /// <summary>
    /// True when the file's facts prove its content is what the stamp recorded without reading it: the same place,
    /// length and last-write time, and the file older than its stamp by more than the timestamp granularity.
    /// </summary>
    public bool ProvesUnchanged((long Length, DateTime LastWriteUtc, string ContentPath)? facts) =>
        Record.Content is { } content
        && facts is { } now
        && string.Equals(now.ContentPath, content.ContentPath, StringComparison.Ordinal)
        && now.Length == content.Length
        && now.LastWriteUtc == content.LastWriteUtc
        && WrittenUtc - now.LastWriteUtc > StampStore.TimestampGranularity;
}
