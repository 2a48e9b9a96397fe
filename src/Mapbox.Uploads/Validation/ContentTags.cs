using System;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// A content's blocks of <see cref="BlockSize"/> bytes at fixed offsets, each with a 16-byte tag, so staging can prove
/// it sends the bytes the checks read without hashing them in order: any thread tags any block, and two contents are
/// the same when their lengths and every tag match (<see cref="SameBlocks"/>). A block's tag is a GMAC (AES-GCM over the block as associated data,
/// the block's index as nonce) under a key drawn once per process, which the CPU computes at about four times
/// SHA-256's speed; the key never leaves the process, so nobody can make two different blocks tag alike. Where AES-GCM
/// is missing (.NET Framework) a block's tag is the first half of its SHA-256. Tags are never written anywhere: they
/// mean nothing outside the process that made them.
/// </summary>
internal sealed class ContentTags
{
    /// <summary>The block size: 1 MiB, so every multipart part (whole MiB) holds whole blocks.</summary>
    public const int BlockSize = 1024 * 1024;

    /// <summary>The bytes of one block's tag.</summary>
    public const int TagSize = 16;
    private readonly byte[] _tags;

    /// <summary>Room for the tags of <paramref name="length"/> bytes, filled by <see cref="TagBlocks"/>.</summary>
    public ContentTags(long length)
        : this(length, new byte[TagBytes(length)])
    {
    }

    private ContentTags(long length, byte[] tags)
    {
        Length = length;
        _tags = tags;
    }

    /// <summary>The content's length in bytes.</summary>
    public long Length { get; }

    /// <summary>
    /// Tags the blocks in <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="start"/>, which
    /// sit at <paramref name="offset"/> in the content (a multiple of <see cref="BlockSize"/>) and are whole blocks, the
    /// last one short only at the content's end. Different blocks may be tagged on different threads at once.
    /// </summary>
    public void TagBlocks(long offset, byte[] buffer, int start, int count)
    {
        if (offset % BlockSize != 0 || offset + count > Length || (count % BlockSize != 0 && offset + count != Length))
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, $"{count} bytes at {offset} are not whole blocks of content {Length} bytes long.");
        }

        var index = offset / BlockSize;
        for (var done = 0; done < count; done += BlockSize, index++)
        {
            var block = new ArraySegment<byte>(buffer, start + done, Math.Min(BlockSize, count - done));
            BlockTag.Compute(index, block, new Span<byte>(_tags, (int)(index * TagSize), TagSize));
        }
    }

    /// <summary>Whether the blocks from <paramref name="offset"/> (a block boundary) over <paramref name="count"/> bytes tag alike in both.</summary>
    public bool SameBlocks(ContentTags other, long offset, int count)
    {
        var start = (int)(offset / BlockSize * TagSize);
        var length = TagBytes(count);
        return start + length <= _tags.Length && start + length <= other._tags.Length
            && new ReadOnlySpan<byte>(_tags, start, length).SequenceEqual(new ReadOnlySpan<byte>(other._tags, start, length));
    }

    /// <summary>The tags <see cref="ContentDigester"/> computed front to back, for content of <paramref name="length"/> bytes.</summary>
    internal static ContentTags Of(long length, byte[] tags) => new(length, tags);

    internal static int TagBytes(long length) => (int)(BlockCount(length) * TagSize);

    private static long BlockCount(long length) => (length + BlockSize - 1) / BlockSize;
}
