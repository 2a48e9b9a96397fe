using System;

namespace Mapbox.Uploads.Http;

/// <summary>Follows a <c>Link rel="next"</c> only where the token may go: the API's own origin, over a secure transport.</summary>
internal static class NextPageLink
{
    public static Uri Resolve(ApiUrls urls, string operation, Uri current, string link)
    {
        var next = urls.NextPage(current, link);
        if (next is null)
        {
            throw new MapboxApiException(
                operation,
                200,
                null,
                false,
                "The service's next-page link points to another host; it was not followed, so the token is not sent there.");
        }

        if (!TransportSecurity.IsAllowed(next))
        {
            throw new MapboxApiException(operation, 200, null, false, TransportSecurity.Refusal(next, "the next-page link"));
        }

        return next;
    }
}
