using System;
using System.Buffers;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Sources;

/// <summary>
/// One file as the multipart/form-data body of a source request, in a part named <c>file</c>. The bytes are produced
/// while the request is written: GeoJSON is converted on the fly, line-delimited files are copied, raster files
/// (GeoTIFF, NetCDF, GRIB) are copied byte for byte under their own name, and a new content
/// (and file handle) is made for every attempt. With the SHA-256 recorded when the file was checked, the bytes read
/// are hashed as they are sent and compared before the body's last boundary; with the checks' block tags
/// (<see cref="ContentTags"/>, a file sent as it is), each block is tagged and compared before it is sent. Either way a
/// file that changed since its checks fails the request with <see cref="FileChangedException"/> and the service never
/// receives a whole body.
/// </summary>
internal sealed class SourceFileContent : HttpContent
{
    private const int CopyBufferSize = 1024 * 1024;

    private readonly string _path;
    private readonly SourceFileFormat _format;
    private readonly string? _expectedSha256;
    private readonly ContentTags? _expectedTags;

    private SourceFileContent(string path, SourceFileFormat format, string? expectedSha256, ContentTags? expectedTags)
    {
        _path = path;
        _format = format;
        _expectedSha256 = expectedSha256;
        _expectedTags = expectedSha256 is null || format == SourceFileFormat.GeoJson ? null : expectedTags;
        Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
    }

    public static HttpContent Create(string path, SourceFileFormat format, string? expectedSha256, ContentTags? expectedTags = null)
    {
        var fileName = format == SourceFileFormat.GeoJson ? Path.GetFileNameWithoutExtension(path) + ".ldgeojson" : Path.GetFileName(path);
        return new MultipartFormDataContent { { new SourceFileContent(path, format, expectedSha256, expectedTags), "file", fileName } };
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        WriteAsync(stream, CancellationToken.None);

#if NET
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        WriteAsync(stream, cancellationToken);
#endif

    private async Task WriteAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        if (_expectedTags is not null)
        {
            await CopyComparingTagsAsync(file, stream, _expectedTags, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            using var hashing = _expectedSha256 is null ? null : new HashingReadStream(file);
            var input = (Stream?)hashing ?? file;
            if (_format == SourceFileFormat.GeoJson)
            {
                await GeoJsonLineWriter.WriteAsync(input, stream, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await input.CopyToAsync(stream, CopyBufferSize, cancellationToken).ConfigureAwait(false);
            }

            if (hashing is not null)
            {
                Verify(hashing.Finish(cancellationToken));
            }
        }

        if (_format == SourceFileFormat.LineDelimited && !EndsWithNewline(file))
        {
            await stream.WriteAsync(NewLine, 0, 1, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Sends the file block by block, each block tagged and compared with the checks' tag for it before it is sent: no
    /// second SHA-256, and a file changed since its checks stops at its first changed block.
    /// </summary>
    private async Task CopyComparingTagsAsync(FileStream file, Stream stream, ContentTags expected, CancellationToken cancellationToken)
    {
        if (file.Length != expected.Length)
        {
            throw Changed($"it is {file.Length} bytes long, not the {expected.Length} its checks read");
        }

        var read = new ContentTags(expected.Length);
        var block = ArrayPool<byte>.Shared.Rent(ContentTags.BlockSize);
        var offset = 0L;
        try
        {
            while (true)
            {
                var count = await ReadBlockAsync(file, block, cancellationToken).ConfigureAwait(false);
                if (count == 0 && offset == expected.Length)
                {
                    return;
                }

                if (offset + count > expected.Length || (count < ContentTags.BlockSize && offset + count != expected.Length))
                {
                    throw Changed($"its length changed while it was read: {offset + count} bytes, not the {expected.Length} its checks read");
                }

                read.TagBlocks(offset, block, 0, count);
                if (!expected.SameBlocks(read, offset, count))
                {
                    throw Changed($"the bytes read from offset {offset} on are not the bytes its checks read");
                }

                await stream.WriteAsync(block, 0, count, cancellationToken).ConfigureAwait(false);
                offset += count;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }

    /// <summary>Reads a whole block, or what is left of the file.</summary>
    private static async Task<int> ReadBlockAsync(FileStream file, byte[] block, CancellationToken cancellationToken)
    {
        var filled = 0;
        int read;
        while (filled < ContentTags.BlockSize && (read = await file.ReadAsync(block, filled, ContentTags.BlockSize - filled, cancellationToken).ConfigureAwait(false)) > 0)
        {
            filled += read;
        }

        return filled;
    }

    private FileChangedException Changed(string what) =>
        new(_path, _expectedSha256!, null,
            $"{_path} changed after it was checked: {what}. "
            + "The request was cut short, so the service received no complete file; build again once the file is complete.");

    private void Verify(string actualSha256)
    {
        if (!string.Equals(actualSha256, _expectedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new FileChangedException(_path, _expectedSha256!, actualSha256,
                $"{_path} changed after it was checked: the bytes read while sending it have SHA-256 {actualSha256}, not the {_expectedSha256} recorded by its checks. "
                + "The request was cut short, so the service received no complete file; build again once the file is complete.");
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        if (_format == SourceFileFormat.GeoJson)
        {
            return false;
        }

        using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
        length = file.Length + (_format != SourceFileFormat.LineDelimited || EndsWithNewline(file) ? 0 : 1);
        return true;
    }

    private static readonly byte[] NewLine = { (byte)'\n' };

    private static bool EndsWithNewline(FileStream file)
    {
        if (file.Length == 0)
        {
            return true;
        }

        file.Position = file.Length - 1;
        return file.ReadByte() == '\n';
    }
}
