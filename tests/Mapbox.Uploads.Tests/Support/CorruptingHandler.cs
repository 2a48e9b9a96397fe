using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Tests.Support;

/// <summary>Flips one byte in the middle of the first body PUT to S3, after the client computed its checksum: corruption on the way.</summary>
internal sealed class CorruptingHandler : DelegatingHandler
{
    private int _corrupted;

    public CorruptingHandler()
        : base(new HttpClientHandler())
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Put && request.Content is { } content && Interlocked.Exchange(ref _corrupted, 1) == 0)
        {
            var bytes = await content.ReadAsByteArrayAsync(cancellationToken);
            bytes[bytes.Length / 2] ^= 0x01;
            var altered = new ByteArrayContent(bytes);
            foreach (var header in content.Headers)
            {
                altered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            request.Content = altered;
        }

        return await base.SendAsync(request, cancellationToken);
    }
}
