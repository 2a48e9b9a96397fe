using System;
using Mapbox.Uploads.Http;

namespace Mapbox.Uploads.Build;

/// <summary>Checks MapboxApiUrl before the token goes anywhere near it, by the client's own transport rule.</summary>
internal static class ApiAddress
{
    public static Uri Check(string? apiUrl)
    {
        var text = string.IsNullOrWhiteSpace(apiUrl) ? UploadsClientOptions.DefaultApiBaseUrl : apiUrl!.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
        {
            throw new MapboxBuildException(ErrorCodes.ApiUrlMalformed, $"MapboxApiUrl '{text}' is not an absolute http(s) address");
        }

        if (!TransportSecurity.IsAllowed(uri))
        {
            throw new MapboxBuildException(ErrorCodes.ApiUrlInsecure,
                $"MapboxApiUrl '{text}' uses http:// to {uri.Host}, which is not a loopback address; nothing was sent");
        }

        return uri;
    }
}
