using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Staging;

/// <summary>
/// Reads the source into part buffers and proves those bytes are the bytes the caller checked. Whoever holds a buffer
/// sends it as read, retries included, so the bytes S3 receives are the bytes compared. With the checks' block tags
/// (<see cref="ContentTags"/>) every worker reads its own part at its offset, and tags and checksums each block while it
/// is still in the CPU's cache: nothing is serial. A stream, or a comparison by SHA-256 (a caller with only a recorded
/// hash), needs the bytes in order: then parts are read one at a time, under a turn, and hashed as read. The source
/// ending early, or a block whose tag differs from the checked one, throws while its part is read (a length other than
/// the checked one, before anything is read); going on past its length, or a SHA-256 that differs, throws from
/// <see cref="VerifyContent"/>, before anything completes.
/// </summary>
internal sealed class StagingReader : IDisposable
{
    // A tags block: small enough that it is still in the CPU's cache when it is tagged and checksummed after its read.
    private const int BlockSize = ContentTags.BlockSize;

    private readonly StagingSource _source;
    private readonly Stream _stream;
    private readonly PartPlan _plan;
    private readonly IncrementalHash? _sha256;
    private readonly ContentTags? _tags;
    private readonly bool _inOrder;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private int _nextIndex;
    private long _position;

    public StagingReader(StagingSource source, PartPlan plan)
    {
        _source = source;
        _stream = source.Rewind();
        _plan = plan;
        _tags = source.ExpectedTags is null ? null : new ContentTags(source.Length);
        _sha256 = source.ExpectedTags is null && source.ExpectedSha256 is not null ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
        if (source.ExpectedTags is { } expected && expected.Length != source.Length)
        {
            // Before anything is read or sent: every block is compared as it is read, and this is the rest of it.
            throw Changed($"it is {source.Length} bytes long, not the {expected.Length} its checks read", null);
        }

#if NET
        _inOrder = _sha256 is not null || source.FileHandle is null;
#else
        _inOrder = true;
#endif
    }

    /// <summary>
    /// Fills <paramref name="buffer"/> with the next part, tagged and with its CRC-32C; null once every part has been
    /// handed out. Parts may be read by several callers at once.
    /// </summary>
    public async Task<PartBody?> ReadNextAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        int index;
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_nextIndex >= _plan.PartCount)
            {
                return null;
            }

            index = _nextIndex++;
            if (_inOrder)
            {
                ReadInOrder(buffer, (int)_plan.LengthOf(index), cancellationToken);
            }
        }
        finally
        {
            _turn.Release();
        }

        var offset = _plan.OffsetOf(index);
        var length = (int)_plan.LengthOf(index);
        var crc32C = 0u;
        for (var done = 0; done < length; done += BlockSize)
        {
            var count = Math.Min(BlockSize, length - done);
            if (!_inOrder)
            {
                ReadAt(offset + done, buffer, done, count, cancellationToken);
            }

            if (_tags is not null)
            {
                // Compared at once, so a changed file stops staging at the first changed block, not after the last.
                _tags.TagBlocks(offset + done, buffer, done, count);
                if (!_source.ExpectedTags!.SameBlocks(_tags, offset + done, count))
                {
                    throw Changed($"the bytes read from offset {offset + done} on are not the bytes its checks read", null);
                }
            }

            crc32C = Crc32C.Append(crc32C, new ReadOnlySpan<byte>(buffer, done, count));
        }

        return new PartBody(index + 1, buffer, length, Crc32C.ToBase64(crc32C));
    }

    /// <summary>
    /// Once every part has been read: throws <see cref="FileChangedException"/> (or, for a stream, an
    /// <see cref="IOException"/>) when the source went on past its length or, compared by SHA-256, the bytes read are
    /// not the bytes the caller checked (tags were compared block by block as they were read). Call it before the
    /// request that makes the object exist.
    /// </summary>
    public void VerifyContent()
    {
        // Read one byte past the end into a scratch array: the part buffers hold what is being sent.
        var probe = new byte[1];
        if (ReadPastEnd(probe) > 0)
        {
            throw Changed($"it grew past the {_source.Length} bytes it had when staging began", null);
        }

        if (_sha256 is not null)
        {
            var actual = ContentHash.Hex(_sha256.GetHashAndReset());
            if (!string.Equals(actual, _source.ExpectedSha256, StringComparison.OrdinalIgnoreCase))
            {
                throw Changed($"the bytes read have SHA-256 {actual}, not the {_source.ExpectedSha256} recorded when it was checked", actual);
            }
        }
    }

    public void Dispose()
    {
        _sha256?.Dispose();
        _turn.Dispose();
    }

    private void ReadInOrder(byte[] buffer, int length, CancellationToken cancellationToken)
    {
        for (var filled = 0; filled < length;)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Blocking: a block comes from the page cache in microseconds, and a file's ReadAsync would hop to
            // another pool thread for each one while this thread waits anyway.
            var read = _stream.Read(buffer, filled, Math.Min(BlockSize, length - filled));
            if (read == 0)
            {
                throw Changed($"it ended after {_position} of the {_source.Length} bytes it had when staging began", null);
            }

            _sha256?.AppendData(buffer, filled, read);
            filled += read;
            _position += read;
        }
    }

    private void ReadAt(long offset, byte[] buffer, int start, int count, CancellationToken cancellationToken)
    {
#if NET
        cancellationToken.ThrowIfCancellationRequested();
        for (var filled = 0; filled < count;)
        {
            var read = RandomAccess.Read(_source.FileHandle!, new Span<byte>(buffer, start + filled, count - filled), offset + filled);
            if (read == 0)
            {
                var now = RandomAccess.GetLength(_source.FileHandle!);
                throw Changed($"it ended after {now} of the {_source.Length} bytes it had when staging began", null);
            }

            filled += read;
        }
#else
        throw new NotSupportedException("Positional reads need .NET; parts are read in order.");
#endif
    }

    private int ReadPastEnd(byte[] probe) =>
#if NET
        !_inOrder ? RandomAccess.Read(_source.FileHandle!, probe, _source.Length) :
#endif
        _stream.Read(probe, 0, 1);

    private IOException Changed(string what, string? actualSha256)
    {
        var message = $"{Capitalized(_source.Description)} changed while it was being staged: {what}. "
            + "Staging stopped, any multipart upload was aborted and nothing was created from it; upload again once the file is complete.";
        return _source.ExpectedSha256 is { } expected
            ? new FileChangedException(_source.FilePath ?? "(stream)", expected, actualSha256, message)
            : new IOException(message);
    }

    private static string Capitalized(string text) => char.ToUpperInvariant(text[0]) + text.Substring(1);
}

/// <summary>One part as read: its number, the buffer holding it, and its CRC-32C as S3's header writes it.</summary>
internal readonly struct PartBody
{
    public PartBody(int partNumber, byte[] buffer, int length, string crc32C)
    {
        PartNumber = partNumber;
        Buffer = buffer;
        Length = length;
        Crc32C = crc32C;
    }

    public int PartNumber { get; }

    public byte[] Buffer { get; }

    public int Length { get; }

    /// <summary>The part's CRC-32C (<c>x-amz-checksum-crc32c</c>), computed block by block as the part was read.</summary>
    public string Crc32C { get; }
}
