using System;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// Builds <see cref="ContentTags"/> from content read front to back in pieces of any size (the checks' own reads):
/// pieces are gathered into one block buffer, each full block is tagged, and the short last one at the end.
/// </summary>
internal sealed class ContentTagger
{
    private readonly byte[] _block = new byte[ContentTags.BlockSize];
    private byte[] _tags;
    private int _filled;
    private long _length;

    /// <summary>Room for the tags of <paramref name="expectedLength"/> bytes; more content than that still fits.</summary>
    public ContentTagger(long expectedLength)
    {
        _tags = new byte[ContentTags.TagBytes(expectedLength)];
    }

    /// <summary>Adds the next <paramref name="data"/> of the content.</summary>
    public void Append(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var take = Math.Min(data.Length, _block.Length - _filled);
            data.Slice(0, take).CopyTo(new Span<byte>(_block, _filled, take));
            _filled += take;
            data = data.Slice(take);
            if (_filled == _block.Length)
            {
                TagBlock();
            }
        }
    }

    /// <summary>The tags of everything appended.</summary>
    public ContentTags Finish()
    {
        if (_filled > 0)
        {
            TagBlock();
        }

        Array.Resize(ref _tags, ContentTags.TagBytes(_length));
        return ContentTags.Of(_length, _tags);
    }

    private void TagBlock()
    {
        var offset = _length;
        _length += _filled;
        if (ContentTags.TagBytes(_length) > _tags.Length)
        {
            Array.Resize(ref _tags, Math.Max(_tags.Length * 2, ContentTags.TagBytes(_length)));
        }

        var tag = new Span<byte>(_tags, (int)(offset / ContentTags.BlockSize * ContentTags.TagSize), ContentTags.TagSize);
        BlockTag.Compute(offset / ContentTags.BlockSize, new ArraySegment<byte>(_block, 0, _filled), tag);
        _filled = 0;
    }
}
