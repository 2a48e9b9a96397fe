using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Sources;

namespace Mapbox.Uploads.Tests.Tilesets;

/// <summary>FeatureCollection and Feature files become one Feature per line, byte for byte apart from line breaks.</summary>
public class GeoJsonLineWriterTests
{
    private const string Point = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.5,2]},\"properties\":{\"name\":\"a\"}}";

    public static TheoryData<int> BufferSizes => new() { 1, 2, 3, 7, 64, 1024 * 1024 };

    [Theory]
    [MemberData(nameof(BufferSizes))]
    public async Task A_pretty_printed_collection_becomes_one_feature_per_line(int bufferSize)
    {
        var input = "{\r\n  \"type\": \"FeatureCollection\",\r\n  \"features\": [\r\n    {\r\n      \"type\": \"Feature\",\r\n      \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]},\r\n      \"properties\": {}\r\n    },\n    " + Point + "\n  ]\n}\n";

        var output = await ConvertAsync(input, bufferSize);

        Assert.Equal(
            "{      \"type\": \"Feature\",      \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]},      \"properties\": {}    }\n" + Point + "\n",
            output);
    }

    [Theory]
    [MemberData(nameof(BufferSizes))]
    public async Task Braces_quotes_and_escapes_inside_strings_do_not_end_a_feature(int bufferSize)
    {
        var tricky = "{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"a\":\"}{\\\"}\\\\\",\"b\":\"\\\\\",\"c\":\"[{]}\"}}";
        var input = "{\"features\":[" + tricky + "," + tricky + "],\"type\":\"FeatureCollection\"}";

        var output = await ConvertAsync(input, bufferSize);

        Assert.Equal(tricky + "\n" + tricky + "\n", output);
    }

    [Theory]
    [MemberData(nameof(BufferSizes))]
    public async Task Members_before_the_features_are_skipped_however_nested(int bufferSize)
    {
        var input = "\uFEFF{\"type\":\"FeatureCollection\",\"bbox\":[0,0,1,1],\"properties\":{\"features\":[1,2]},\"name\":\"x\",\"features\":[" + Point + "]}";

        var output = await ConvertAsync(input, bufferSize);

        Assert.Equal(Point + "\n", output);
    }

    [Theory]
    [MemberData(nameof(BufferSizes))]
    public async Task A_feature_root_is_one_line(int bufferSize)
    {
        var input = "{\n\"type\": \"Feature\",\n\"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]},\n\"properties\": {\"k\": \"v\"}\n}\n";

        var output = await ConvertAsync(input, bufferSize);

        Assert.Equal("{\"type\": \"Feature\",\"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]},\"properties\": {\"k\": \"v\"}}\n", output);
    }

    [Fact]
    public async Task A_feature_root_naming_its_type_after_a_buffer_of_data_is_read_again_from_its_start()
    {
        var padding = new string('x', 5000);
        var input = "{\"properties\":{\"p\":\"" + padding + "\"},\"geometry\":null,\"type\":\"Feature\"}";

        var output = await ConvertAsync(input, 64);

        Assert.Equal(input + "\n", output);
    }

    [Fact]
    public async Task An_empty_collection_writes_nothing()
    {
        Assert.Equal(string.Empty, await ConvertAsync("{\"type\":\"FeatureCollection\",\"features\":[]}", 1024));
    }

    [Theory]
    [InlineData("{\"type\":\"Point\",\"coordinates\":[1,2]}", "Point")]
    [InlineData("[1,2]", "must be an object")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[1]}", "must hold Feature objects")]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\"", "ends before")]
    public async Task Input_that_is_not_features_is_refused(string input, string expected)
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ConvertAsync(input, 1024));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_large_collection_converts_with_memory_that_does_not_grow_with_it()
    {
        const int features = 400_000;
        var input = new MemoryStream();
        using (var writer = new StreamWriter(input, new UTF8Encoding(false), 65536, leaveOpen: true))
        {
            writer.Write("{\"type\":\"FeatureCollection\",\"features\":[\n");
            for (var i = 0; i < features; i++)
            {
                writer.Write(i == 0 ? "  " : ",\n  ");
                writer.Write(Point);
            }

            writer.Write("\n]}");
        }

        input.Position = 0;
        var counter = new CountingStream();

        // Memory streams complete synchronously, so the whole conversion runs on this thread and is measured alone.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var written = await GeoJsonLineWriter.WriteAsync(input, counter, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(features, written);
        Assert.Equal((long)(Point.Length + 1) * features, counter.Length);
        Assert.True(input.Length > 32 * 1024 * 1024);
        Assert.True(allocated < 4 * 1024 * 1024, $"{allocated} bytes allocated converting {input.Length} bytes");
    }

    internal static async Task<string> ConvertAsync(string input, int bufferSize)
    {
        using var source = new MemoryStream(Encoding.UTF8.GetBytes(input));
        using var output = new MemoryStream();
        await GeoJsonLineWriter.WriteAsync(source, output, CancellationToken.None, bufferSize);
        return Encoding.UTF8.GetString(output.ToArray());
    }

    private sealed class CountingStream : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Position;

        public override long Position { get; set; }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Position += count;
    }
}
