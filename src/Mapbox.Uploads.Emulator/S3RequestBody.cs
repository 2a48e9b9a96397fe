using System;
using System.Buffers;
using System.IO;
using System.IO.Pipelines;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// Reads an object or part body into memory once, without a second copy. Bodies the AWS SDKs send with
/// <c>Content-Encoding: aws-chunked</c> (streamed, with checksum trailers) are unframed on the way.
/// </summary>
internal static class S3RequestBody
{
    private const int MaxChunkHeaderLength = 4096;

    public static async Task<ReadOnlyMemory<byte>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var chunked = IsAwsChunked(request);
        var expectedLength = chunked ? DecodedLength(request) : request.ContentLength;
        using var content = new MemoryStream(expectedLength is > 0 and <= int.MaxValue ? (int)expectedLength : 0);
        if (chunked)
        {
            await UnframeAwsChunkedAsync(request.BodyReader, content, cancellationToken);
        }
        else
        {
            await request.Body.CopyToAsync(content, cancellationToken);
        }
        return content.TryGetBuffer(out var buffer) ? buffer.AsMemory() : content.ToArray();
    }

    private static bool IsAwsChunked(HttpRequest request) =>
        request.Headers.ContentEncoding.ToString().Contains("aws-chunked", StringComparison.OrdinalIgnoreCase)
        || request.Headers["x-amz-content-sha256"].ToString().StartsWith("STREAMING-", StringComparison.Ordinal);

    private static long? DecodedLength(HttpRequest request) =>
        long.TryParse(request.Headers["x-amz-decoded-content-length"].ToString(), out var length) ? length : null;

    private static async Task UnframeAwsChunkedAsync(PipeReader reader, Stream destination, CancellationToken cancellationToken)
    {
        while (true)
        {
            var header = await ReadLineAsync(reader, cancellationToken);
            var sizeText = header.Split(';', 2)[0].Trim();
            if (!long.TryParse(sizeText, System.Globalization.NumberStyles.HexNumber, null, out var size) || size < 0)
            {
                throw new InvalidDataException("The aws-chunked body has a malformed chunk header.");
            }
            if (size == 0)
            {
                return; // what follows are checksum trailers, which the emulator does not check
            }
            await CopyExactlyAsync(reader, destination, size, cancellationToken);
            if ((await ReadLineAsync(reader, cancellationToken)).Length != 0)
            {
                throw new InvalidDataException("An aws-chunked chunk is longer than its header says.");
            }
        }
    }

    private static async Task<string> ReadLineAsync(PipeReader reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var newline = buffer.PositionOf((byte)'\n');
            if (newline is not null)
            {
                var line = Encoding.ASCII.GetString(buffer.Slice(0, newline.Value)).TrimEnd('\r');
                reader.AdvanceTo(buffer.GetPosition(1, newline.Value));
                return line;
            }
            if (result.IsCompleted || buffer.Length > MaxChunkHeaderLength)
            {
                throw new InvalidDataException("The aws-chunked body ended inside a chunk header.");
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static async Task CopyExactlyAsync(PipeReader reader, Stream destination, long count, CancellationToken cancellationToken)
    {
        while (count > 0)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var available = result.Buffer.Slice(0, Math.Min(count, result.Buffer.Length));
            foreach (var segment in available)
            {
                await destination.WriteAsync(segment, cancellationToken);
            }
            count -= available.Length;
            reader.AdvanceTo(available.End);
            if (count > 0 && result.IsCompleted)
            {
                throw new InvalidDataException("The aws-chunked body ended inside a chunk.");
            }
        }
    }
}
