using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Http;

namespace Mapbox.Uploads;

public partial class UploadsClient
{
    /// <summary>
    /// Lists the account's uploads, newest first (oldest first with <see cref="ListUploadsOptions.Reverse"/>), page by
    /// page, following the service's <c>Link rel="next"</c> until there is none.
    /// </summary>
    /// <param name="options">Page size and order.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The uploads, fetched lazily.</returns>
    /// <exception cref="MapboxApiException">A page request was refused or failed, or a next link pointed elsewhere.</exception>
    public virtual async IAsyncEnumerable<Upload> ListAsync(ListUploadsOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (options?.Reverse == true)
        {
            query.Add(new KeyValuePair<string, string?>("reverse", "true"));
        }

        if (options?.PageSize is { } pageSize)
        {
            query.Add(new KeyValuePair<string, string?>("limit", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        Uri? pageUrl = _urls.Uploads(query);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        while (pageUrl is not null)
        {
            if (!visited.Add(pageUrl.AbsoluteUri))
            {
                throw new MapboxApiException(UploadsOperations.List, 200, null, false, $"The service's next link repeats a page already read ({Redaction.Url(pageUrl)}); stopping.");
            }

            var url = pageUrl;
            var page = await ReadPageAsync(url, cancellationToken).ConfigureAwait(false);

            foreach (var upload in page.Uploads)
            {
                yield return upload;
            }

            pageUrl = page.NextLink is null ? null : NextPageLink.Resolve(_urls, UploadsOperations.List, url, page.NextLink);
        }
    }

    /// <summary>The newest <see cref="ListUploadsOptions.MaxPageSize"/> uploads: one request, the next link not followed.</summary>
    private async Task<Upload[]> ReadNewestPageAsync(CancellationToken cancellationToken)
    {
        var limit = ListUploadsOptions.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var url = _urls.Uploads(new[] { new KeyValuePair<string, string?>("limit", limit) });
        return (await ReadPageAsync(url, cancellationToken).ConfigureAwait(false)).Uploads;
    }

    private Task<Page> ReadPageAsync(Uri url, CancellationToken cancellationToken) =>
        _pipeline.SendAsync(
            UploadsOperations.List,
            () => new HttpRequestMessage(HttpMethod.Get, url),
            async (response, ct) => new Page(
                await ApiJson.ReadAsync<Upload[]>(UploadsOperations.List, response, ct).ConfigureAwait(false),
                LinkHeader.FindNext(response)),
            failure => ApiErrors.From(UploadsOperations.List, failure),
            cancellationToken);

    private sealed class Page
    {
        public Page(Upload[] uploads, string? nextLink)
        {
            Uploads = uploads;
            NextLink = nextLink;
        }

        public Upload[] Uploads { get; }

        public string? NextLink { get; }
    }
}
