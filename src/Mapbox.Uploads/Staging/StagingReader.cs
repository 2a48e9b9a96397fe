using System;
using System.IO;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Staging;

/// <summary>
/// Reads the source front to back into part buffers, one part at a time in part order, and proves those bytes are the
/// bytes the caller checked. Whoever holds a buffer sends it as read, retries included, so the bytes S3 receives are the
/// bytes compared. With the checks' block tags (<see cref="ContentTags"/>) each part is tagged by the worker holding it,
/// beside the next part's read, so only the read itself is serial; with only a SHA-256 the reader hashes every byte in
/// order. The source ending early or going on past its length throws before the last part is handed out, and
/// <see cref="VerifyContent"/> throws before anything completes from bytes that differ from the checked ones.
/// </summary>
internal sealed class StagingReader : IDisposable
{
    // Small enough that a block is still in the CPU's cache when it is hashed after the read.
    private const int BlockSize = 256 * 1024;

    private readonly StagingSource _source;
    private readonly Stream _stream;
    private readonly PartPlan _plan;
    private readonly IncrementalHash? _sha256;
    private readonly ContentTags? _tags;
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
    }

    /// <summary>Fills <paramref name="buffer"/> with the next part; null once every part has been handed out.</summary>
    public async Task<PartBody?> ReadNextAsync(byte[] buffer, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_nextIndex >= _plan.PartCount)
            {
                return null;
            }

            var index = _nextIndex++;
            var length = (int)_plan.LengthOf(index);
            for (var filled = 0; filled < length;)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Blocking: a block comes from the page cache in microseconds, and a file's ReadAsync would hop to
                // another pool thread for each one (4,096 hops per GiB) while this thread waits anyway.
                var read = _stream.Read(buffer, filled, Math.Min(BlockSize, length - filled));
                if (read == 0)
                {
                    throw Changed($"it ended after {_position} of the {_source.Length} bytes it had when staging began", null);
                }

                _sha256?.AppendData(buffer, filled, read);
                filled += read;
                _position += read;
            }

            if (_nextIndex == _plan.PartCount)
            {
                VerifyEnd();
            }

            return new PartBody(index + 1, _plan.OffsetOf(index), buffer, length);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Tags a part as read, on the caller's thread; parts may be tagged in any order and at once.</summary>
    public void TagPart(PartBody body) => _tags?.TagBlocks(body.Offset, body.Buffer, 0, body.Length);

    /// <summary>
    /// Once every part has been read (and tagged): throws <see cref="FileChangedException"/> when the bytes read are not
    /// the bytes the caller checked. Call it before the request that makes the object exist.
    /// </summary>
    public void VerifyContent()
    {
        if (_tags is not null && _source.ExpectedTags!.FirstDifference(_tags) is { } offset)
        {
            throw Changed($"the bytes read from offset {offset} on are not the bytes its checks read", null);
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

    private void VerifyEnd()
    {
        // Read one byte past the end into a scratch array: the part buffer already holds what is being sent.
        var probe = new byte[1];
        if (_stream.Read(probe, 0, 1) > 0)
        {
            throw Changed($"it grew past the {_source.Length} bytes it had when staging began", null);
        }
    }

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

/// <summary>One part as read: its number and the buffer holding it.</summary>
internal readonly struct PartBody
{
    public PartBody(int partNumber, long offset, byte[] buffer, int length)
    {
        PartNumber = partNumber;
        Offset = offset;
        Buffer = buffer;
        Length = length;
    }

    public int PartNumber { get; }

    /// <summary>Where the part starts in the source.</summary>
    public long Offset { get; }

    public byte[] Buffer { get; }

    public int Length { get; }

    /// <summary>The part's CRC-32C as S3's header writes it.</summary>
    public string ComputeCrc32C() => Staging.Crc32C.ToBase64(Staging.Crc32C.Append(0, new ReadOnlySpan<byte>(Buffer, 0, Length)));
}
