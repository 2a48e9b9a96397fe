using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Tests.Validation;

/// <summary>
/// The block tags staging compares with the checks' read: the same bytes tag alike however they were read (pieces of
/// any size in order, or whole parts on several threads at once), and any change, move, shortening or growth shows at
/// the block where it happened.
/// </summary>
public sealed class ContentTagsTests
{
    private const int Block = ContentTags.BlockSize;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(Block - 1)]
    [InlineData(Block)]
    [InlineData((5 * Block) + 12_345)]
    public void Content_read_in_pieces_of_any_size_tags_like_its_parts_tagged_at_once(int length)
    {
        var bytes = RandomBytes(length, seed: length);

        var sequential = InPieces(bytes, new Random(1));
        var parallel = InParts(bytes, partBlocks: 2);

        Assert.Equal(length, sequential.Length);
        Assert.Null(FirstDifference(sequential, parallel));
        Assert.Null(FirstDifference(parallel, InPieces(bytes, new Random(2))));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(Block - 1)]
    [InlineData((3 * Block) + 7)]
    [InlineData((5 * Block) + 12_344)]
    public void One_byte_changed_shows_at_the_start_of_its_block(int at)
    {
        var bytes = RandomBytes((5 * Block) + 12_345, seed: 3);
        var checkedTags = InPieces(bytes, new Random(4));
        bytes[at] ^= 0x01;

        var sentTags = InParts(bytes, partBlocks: 1);

        Assert.Equal(at / Block * (long)Block, FirstDifference(checkedTags, sentTags));
        Assert.False(checkedTags.SameBlocks(sentTags, at / Block * (long)Block, Block));
        Assert.True(checkedTags.SameBlocks(sentTags, at < Block ? Block : 0, Block));
    }

    [Fact]
    public void Two_blocks_swapped_differ_where_the_first_moved()
    {
        var bytes = RandomBytes(4 * Block, seed: 5);
        var checkedTags = InParts(bytes, partBlocks: 4);
        var swapped = (byte[])bytes.Clone();
        Array.Copy(bytes, Block, swapped, 2 * Block, Block);
        Array.Copy(bytes, 2 * Block, swapped, Block, Block);

        Assert.Equal(Block, FirstDifference(checkedTags, InParts(swapped, partBlocks: 1)));
    }

    [Theory]
    [InlineData((2 * Block) + 100, (2 * Block) + 99)]
    [InlineData(2 * Block, 3 * Block)]
    [InlineData(2 * Block, (2 * Block) + 1)]
    public void Content_that_is_shorter_or_longer_differs(int checkedLength, int sentLength)
    {
        var bytes = RandomBytes(Math.Max(checkedLength, sentLength), seed: 6);
        var checkedTags = InParts(bytes.AsSpan(0, checkedLength).ToArray(), partBlocks: 1);
        var sentTags = InParts(bytes.AsSpan(0, sentLength).ToArray(), partBlocks: 1);

        var difference = FirstDifference(checkedTags, sentTags);

        Assert.NotNull(difference);
        Assert.True(difference <= Math.Min(checkedLength, sentLength), $"difference at {difference}");
        Assert.Equal(difference, FirstDifference(sentTags, checkedTags));
    }

    [Fact]
    public void Blocks_must_start_on_a_block_boundary_and_be_whole_except_at_the_end()
    {
        var tags = new ContentTags((2 * Block) + 10);
        var buffer = new byte[Block];

        Assert.Throws<ArgumentOutOfRangeException>(() => tags.TagBlocks(10, buffer, 0, Block - 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => tags.TagBlocks(0, buffer, 0, Block - 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => tags.TagBlocks(2 * Block, buffer, 0, 11));
        tags.TagBlocks(2 * Block, buffer, 0, 10);
    }

    [Fact]
    public void The_checks_tag_the_file_they_hash_so_staging_can_compare_without_hashing_again()
    {
        var bytes = RandomBytes((3 * Block) + 5, seed: 7);
        using var hashing = new HashingReadStream(new MemoryStream(bytes), tagBlocks: true);
        var buffer = new byte[70_000];
        hashing.ReadExactly(buffer, 0, 1000);
        hashing.Position = 2 * Block;
        hashing.ReadExactly(buffer, 0, buffer.Length);

        hashing.Finish(CancellationToken.None);

        Assert.Null(FirstDifference(hashing.Tags!, InParts(bytes, partBlocks: 3)));
    }

    // What staging concludes from the product's two comparisons: each block's tags (SameBlocks), then the lengths.
    private static long? FirstDifference(ContentTags expected, ContentTags actual)
    {
        var shorter = Math.Min(expected.Length, actual.Length);
        for (long offset = 0; offset < shorter; offset += Block)
        {
            if (!expected.SameBlocks(actual, offset, (int)Math.Min(Block, shorter - offset)))
            {
                return offset;
            }
        }

        return expected.Length == actual.Length ? null : shorter;
    }

    private static ContentTags InPieces(byte[] bytes, Random sizes)
    {
        using var digester = new ContentDigester(bytes.Length, tagBlocks: true);
        for (var at = 0; at < bytes.Length;)
        {
            var piece = Math.Min(bytes.Length - at, sizes.Next(1, 300_000));
            digester.Append(bytes.AsSpan(at, piece));
            at += piece;
        }

        var (sha256, tags) = digester.Finish();
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)).ToLowerInvariant(), sha256);
        return tags!;
    }

    private static ContentTags InParts(byte[] bytes, int partBlocks)
    {
        var tags = new ContentTags(bytes.Length);
        var partSize = partBlocks * Block;
        var parts = (bytes.Length + partSize - 1) / partSize;
        Parallel.For(0, parts, part =>
        {
            var start = part * partSize;
            tags.TagBlocks(start, bytes, start, Math.Min(partSize, bytes.Length - start));
        });
        return tags;
    }

    private static byte[] RandomBytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
