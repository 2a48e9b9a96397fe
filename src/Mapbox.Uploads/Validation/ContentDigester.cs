using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// The SHA-256 and, when asked, the block tags (<see cref="ContentTags"/>) of content read front to back in pieces of
/// any size. Pieces are gathered into blocks of <see cref="ContentTags.BlockSize"/>; the caller's thread tags each full
/// block while it is still in the CPU's cache and hands it to a second thread that feeds the SHA-256 in order, so the
/// hash (the costlier of the two) runs beside the caller's reading and checking instead of after it.
/// </summary>
internal sealed class ContentDigester : IDisposable
{
    // Blocks read ahead of the hash: enough to keep both threads busy, little enough to stay a few MiB.
    private const int BlocksInFlight = 4;

    private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly BlockingCollection<(byte[] Block, int Count)> _toHash = new(BlocksInFlight);
    private readonly SemaphoreSlim _freeBlocks = new(BlocksInFlight, BlocksInFlight);
    private readonly Task _hashing;
    private byte[]? _tags;
    private byte[]? _block;
    private int _filled;
    private long _length;

    /// <summary>Starts the hashing thread; with <paramref name="tagBlocks"/>, tags room for <paramref name="expectedLength"/> bytes (more still fits).</summary>
    public ContentDigester(long expectedLength, bool tagBlocks)
    {
        _tags = tagBlocks ? new byte[ContentTags.TagBytes(expectedLength)] : null;
        _hashing = Task.Factory.StartNew(HashInOrder, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Adds the next <paramref name="data"/> of the content.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_block is null)
            {
                WaitForFreeBlock();
                _block = ArrayPool<byte>.Shared.Rent(ContentTags.BlockSize);
            }

            var take = Math.Min(data.Length, ContentTags.BlockSize - _filled);
            data.Slice(0, take).CopyTo(new Span<byte>(_block, _filled, take));
            _filled += take;
            data = data.Slice(take);
            if (_filled == ContentTags.BlockSize)
            {
                HandOver();
            }
        }
    }

    /// <summary>The SHA-256 (lowercase hex) of everything appended, and its block tags when they were asked for.</summary>
    public (string Sha256, ContentTags? Tags) Finish()
    {
        if (_filled > 0)
        {
            HandOver();
        }

        _toHash.CompleteAdding();
        _hashing.GetAwaiter().GetResult();
        if (_tags is not null)
        {
            Array.Resize(ref _tags, ContentTags.TagBytes(_length));
        }

        return (ContentHash.Hex(_sha256.GetHashAndReset()), _tags is null ? null : ContentTags.Of(_length, _tags));
    }

    public void Dispose()
    {
        // Stopped early (a failed check, a cancellation): let the hashing thread drain and end before the hash goes.
        if (!_toHash.IsAddingCompleted)
        {
            _toHash.CompleteAdding();
        }

        try
        {
            _hashing.GetAwaiter().GetResult();
        }
        catch (Exception) when (_hashing.IsFaulted)
        {
            // Already thrown to the caller by Finish or Append; disposing must not throw it again over another failure.
        }

        if (_block is not null)
        {
            ArrayPool<byte>.Shared.Return(_block);
        }

        _sha256.Dispose();
        _toHash.Dispose();
        _freeBlocks.Dispose();
    }

    private void HandOver()
    {
        var offset = _length;
        _length += _filled;
        if (_tags is not null)
        {
            if (ContentTags.TagBytes(_length) > _tags.Length)
            {
                Array.Resize(ref _tags, Math.Max(_tags.Length * 2, ContentTags.TagBytes(_length)));
            }

            var index = offset / ContentTags.BlockSize;
            BlockTag.Compute(index, new ArraySegment<byte>(_block!, 0, _filled), new Span<byte>(_tags, (int)(index * ContentTags.TagSize), ContentTags.TagSize));
        }

        _toHash.Add((_block!, _filled));
        _block = null;
        _filled = 0;
    }

    private void WaitForFreeBlock()
    {
        // The hashing thread gives blocks back; should it fail, its failure is thrown here instead of waiting forever.
        while (!_freeBlocks.Wait(TimeSpan.FromMilliseconds(100)))
        {
            if (_hashing.IsFaulted)
            {
                _hashing.GetAwaiter().GetResult();
            }
        }
    }

    private void HashInOrder()
    {
        foreach (var (block, count) in _toHash.GetConsumingEnumerable())
        {
            _sha256.AppendData(block, 0, count);
            ArrayPool<byte>.Shared.Return(block);
            _freeBlocks.Release();
        }
    }
}
