using System;

namespace Mapbox.Uploads.Http;

/// <summary>The token and the S3 session token must not travel in clear text, except to this machine.</summary>
internal static class TransportSecurity
{
    public static bool IsAllowed(Uri url) =>
        url.IsAbsoluteUri &&
        (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));

    public static string Refusal(Uri url, string what) =>
        $"Refusing {what} '{Redaction.Url(url)}': only https:// is allowed (http:// only to a loopback host such as 127.0.0.1 or localhost), because secrets travel with every request.";
}
