using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Staging;

/// <summary>
/// A request body that streams <c>count</c> bytes from <c>offset</c> of a stream opened when the body is sent, so a
/// retried request re-opens (or re-seeks) its range and memory stays at one copy buffer whatever the file size.
/// </summary>
internal sealed class RangeContent : HttpContent
{
    public const int BufferSize = 81920;

    private readonly Func<Stream> _open;
    private readonly long _offset;
    private readonly long _count;
    private readonly bool _ownsStream;

    public RangeContent(Func<Stream> open, long offset, long count, bool ownsStream)
    {
        _open = open;
        _offset = offset;
        _count = count;
        _ownsStream = ownsStream;
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        CopyRangeAsync(stream, CancellationToken.None);

#if NET
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        CopyRangeAsync(stream, cancellationToken);
#endif

    protected override bool TryComputeLength(out long length)
    {
        length = _count;
        return true;
    }

    private async Task CopyRangeAsync(Stream destination, CancellationToken cancellationToken)
    {
        var source = _open();
        try
        {
            source.Seek(_offset, SeekOrigin.Begin);
            var buffer = new byte[(int)Math.Min(BufferSize, Math.Max(_count, 1))];
            var remaining = _count;
            while (remaining > 0)
            {
                var read = await source.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, remaining), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException($"The data ended {remaining} bytes early while staging; did the file change?");
                }

                await destination.WriteAsync(buffer, 0, read, cancellationToken).ConfigureAwait(false);
                remaining -= read;
            }
        }
        finally
        {
            if (_ownsStream)
            {
                source.Dispose();
            }
        }
    }
}
