using System;
using System.IO;
using System.Threading;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// A read-only view of a file that feeds the SHA-256 (computed on a second thread, <see cref="ContentDigester"/>) from
/// the checks' own reads: the bytes a read returns extend the
/// hash when they continue the prefix hashed so far, so a checker that reads front to back (GeoJSON, CSV, KML, GPX)
/// hashes the file in the same pass, and one that sniffs, rewinds or jumps (zip, MBTiles, GeoTIFF) costs only the
/// part it skipped, read by <see cref="Finish"/>. The hashed length is also the checks' progress through the file.
/// Asked to, it also tags the same bytes in blocks (<see cref="ContentTags"/>), which staging compares against.
/// </summary>
internal sealed class HashingReadStream : Stream
{
    private const int FinishBufferSize = 256 * 1024;

    private readonly Stream _inner;
    private readonly IProgress<long>? _progress;
    private readonly ContentDigester _digester;
    private long _hashedLength;
    private long _reportedLength;

    public HashingReadStream(Stream inner, IProgress<long>? progress = null, bool tagBlocks = false)
    {
        _inner = inner;
        _progress = progress;
        _digester = new ContentDigester(inner.Length, tagBlocks);
    }

    /// <summary>The block tags of the whole file, once <see cref="Finish"/> has run, when they were asked for.</summary>
    public ContentTags? Tags { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _inner.Length;

    public override long Position
    {
        get => _inner.Position;
        set => _inner.Position = value;
    }

    /// <summary>Hashes what the checks did not read and returns the SHA-256 of the whole file (lowercase hex).</summary>
    public string Finish(CancellationToken cancellationToken)
    {
        _inner.Position = _hashedLength;
        var buffer = new byte[FinishBufferSize];
        while (Read(buffer, 0, buffer.Length) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }

        _progress?.Report(_hashedLength);
        var (sha256, tags) = _digester.Finish();
        Tags = tags;
        return sha256;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var start = _inner.Position;
        var read = _inner.Read(buffer, offset, count);
        if (AlreadyHashed(start, read) is var skip and >= 0)
        {
            _digester.Append(new ReadOnlySpan<byte>(buffer, offset + skip, read - skip));
            Advance(start + read);
        }

        return read;
    }

#if NET
    public override int Read(Span<byte> buffer)
    {
        var start = _inner.Position;
        var read = _inner.Read(buffer);
        if (AlreadyHashed(start, read) is var skip and >= 0)
        {
            _digester.Append(buffer.Slice(skip, read - skip));
            Advance(start + read);
        }

        return read;
    }
#endif

    public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _digester.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Advance(long hashedLength)
    {
        _hashedLength = hashedLength;
        if (_progress is not null && hashedLength - _reportedLength >= UploadFileValidationOptions.ProgressStep)
        {
            _reportedLength = hashedLength;
            _progress.Report(hashedLength);
        }
    }

    /// <summary>How many of the bytes read at <paramref name="start"/> the hash already covers; -1 when none of them extend it.</summary>
    private int AlreadyHashed(long start, int read) =>
        start <= _hashedLength && start + read > _hashedLength ? (int)(_hashedLength - start) : -1;
}
