using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Http;

namespace Mapbox.Uploads;

public partial class TilesetsClient
{
    private static KeyValuePair<string, string?> Query(string name, string? value) => new(name, value);

    private static KeyValuePair<string, string?> LimitQuery(int? limit)
    {
        if (limit is < 1 or > MaxPageSize)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"The page size must be 1 to {MaxPageSize}.");
        }

        return Query("limit", limit?.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Reads page after page, following <c>Link rel="next"</c> until there is none; a repeated page stops with an error.</summary>
    private async IAsyncEnumerable<T> ReadPagesAsync<T>(string operation, Uri firstPage, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Uri? pageUrl = firstPage;
        var visited = new HashSet<string>(StringComparer.Ordinal);
        while (pageUrl is not null)
        {
            if (!visited.Add(pageUrl.AbsoluteUri))
            {
                throw new MapboxApiException(operation, 200, null, false, $"The service's next link repeats a page already read ({Redaction.Url(pageUrl)}); stopping.");
            }

            var url = pageUrl;
            var (items, nextLink) = await SendAsync(
                operation,
                () => new HttpRequestMessage(HttpMethod.Get, url),
                async (response, ct) => (await ApiJson.ReadAsync<T[]>(operation, response, ct).ConfigureAwait(false), LinkHeader.FindNext(response)),
                cancellationToken).ConfigureAwait(false);
            foreach (var item in items)
            {
                yield return item;
            }

            pageUrl = nextLink is null ? null : NextPageLink.Resolve(_urls.Api, operation, url, nextLink);
        }
    }
}
