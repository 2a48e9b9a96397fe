using System;
using System.IO;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Staging;

/// <summary>
/// The bytes to stage: one stream opened once, measured through the opened handle (so a symbolic link counts as its
/// target, whatever the file system), read front to back by <see cref="StagingReader"/>.
/// </summary>
internal sealed class StagingSource : IDisposable
{
    private readonly Stream _stream;
    private readonly long _start;
    private readonly bool _ownsStream;

    private StagingSource(Stream stream, bool ownsStream, string? filePath, string? expectedSha256, ContentTags? expectedTags = null)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _start = stream.Position;
        Length = stream.Length - _start;
        FilePath = filePath;
        ExpectedSha256 = expectedSha256;
        ExpectedTags = expectedTags;
    }

    /// <summary>The bytes to send, fixed when the source was opened: a file that grows or shrinks afterwards has changed.</summary>
    public long Length { get; }

    /// <summary>The file's path, for messages; null for a caller's stream.</summary>
    public string? FilePath { get; }

    /// <summary>The SHA-256 (lowercase hex) the streamed bytes must have, when the caller recorded one.</summary>
    public string? ExpectedSha256 { get; }

    /// <summary>The block tags of the checked content, made in this process with <see cref="ExpectedSha256"/>: compared instead of hashing again.</summary>
    public ContentTags? ExpectedTags { get; }

    public string Description => FilePath is null ? "the stream" : $"the file {FilePath}";

#if NET
    /// <summary>
    /// The opened file's handle, for reads at an offset (a file's content starts at 0); null for a caller's stream or a
    /// file that cannot seek (a pipe), which is read in order.
    /// </summary>
    public Microsoft.Win32.SafeHandles.SafeFileHandle? FileHandle => _ownsStream && _stream.CanSeek ? ((FileStream)_stream).SafeFileHandle : null;
#endif

    public static StagingSource OpenFile(string path, string? expectedSha256 = null, ContentTags? expectedTags = null)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("A file path is required.", nameof(path));
        }

        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"The file to stage does not exist: {path}", path);
        }

        // No FileStream buffer: the reader asks for large blocks that go straight into its part buffers.
        var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return new StagingSource(stream, ownsStream: true, path, expectedSha256, expectedSha256 is null ? null : expectedTags);
    }

    public static StagingSource ForStream(Stream stream)
    {
        if (stream is null)
        {
            throw new ArgumentNullException(nameof(stream));
        }

        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException(
                "Staging needs a readable, seekable stream: its length goes in the request and a restart with fresh credentials re-reads it. Write the data to a file and stage the file instead.",
                nameof(stream));
        }

        return new StagingSource(stream, ownsStream: false, null, null);
    }

    /// <summary>The stream, positioned at the first byte to stage; every staging attempt starts over from there.</summary>
    public Stream Rewind()
    {
        _stream.Position = _start;
        return _stream;
    }

    public void Dispose()
    {
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }
}
