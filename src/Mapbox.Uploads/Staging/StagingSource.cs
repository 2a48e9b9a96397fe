using System;
using System.IO;
using System.Net.Http;

namespace Mapbox.Uploads.Staging;

/// <summary>Bytes to stage, handed out as re-creatable ranges so every attempt re-reads its range instead of buffering it.</summary>
internal abstract class StagingSource
{
    public abstract long Length { get; }

    /// <summary>How many ranges may be sent at once.</summary>
    public abstract int MaxConcurrency { get; }

    public abstract HttpContent CreateContent(long offset, long count);

    public static StagingSource ForFile(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new ArgumentException("A file path is required.", nameof(path));
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"The file to stage does not exist: {path}", path);
        }

        return new FileSource(info.FullName, info.Length);
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
                "Staging needs a readable, seekable stream: its length goes in the request and a failed request re-reads its range. Write the data to a file and stage the file instead.",
                nameof(stream));
        }

        return new StreamSource(stream);
    }

    private sealed class FileSource : StagingSource
    {
        private readonly string _path;

        public FileSource(string path, long length)
        {
            _path = path;
            Length = length;
        }

        public override long Length { get; }

        public override int MaxConcurrency => int.MaxValue;

        public override HttpContent CreateContent(long offset, long count) => new RangeContent(() => OpenFile(_path), offset, count, ownsStream: true);

        private static Stream OpenFile(string path) =>
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, RangeContent.BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
    }

    private sealed class StreamSource : StagingSource
    {
        private readonly Stream _stream;
        private readonly long _start;

        public StreamSource(Stream stream)
        {
            _stream = stream;
            _start = stream.Position;
            Length = stream.Length - _start;
        }

        public override long Length { get; }

        // One stream has one position: ranges are sent one after the other.
        public override int MaxConcurrency => 1;

        public override HttpContent CreateContent(long offset, long count) => new RangeContent(() => _stream, _start + offset, count, ownsStream: false);
    }
}
