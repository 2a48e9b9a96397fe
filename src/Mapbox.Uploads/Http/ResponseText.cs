using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Http;

/// <summary>
/// Reads a response body as text under the caller's token. Requests are sent with <c>ResponseHeadersRead</c>, so
/// HttpClient's timeout has ended by the time the body is read: only the token can stop a body that stalls.
/// </summary>
internal static class ResponseText
{
    public static Task<string> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
#if NET
        response.Content.ReadAsStringAsync(cancellationToken);
#else
        ReadWithoutTokenAsync(response, cancellationToken);

    // .NET Framework's HttpContent cannot cancel a read; disposing the response aborts the connection instead.
    private static async Task<string> ReadWithoutTokenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        using (cancellationToken.Register(response.Dispose))
        {
            try
            {
                return await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            }
            catch (System.Exception) when (cancellationToken.IsCancellationRequested)
            {
                throw new System.OperationCanceledException(cancellationToken);
            }
        }
    }
#endif
}
