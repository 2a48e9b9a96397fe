using System;
using System.Net;

namespace Mapbox.Uploads.Build;

/// <summary>Checks MapboxApiUrl before the token goes anywhere near it.</summary>
internal static class ApiAddress
{
    public static Uri Check(string? apiUrl)
    {
        var text = string.IsNullOrWhiteSpace(apiUrl) ? UploadsClientOptions.DefaultApiBaseUrl : apiUrl!.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
        {
            throw new MapboxBuildException(ErrorCodes.ApiUrlMalformed, $"MapboxApiUrl '{text}' is not an absolute http(s) address");
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            throw new MapboxBuildException(ErrorCodes.ApiUrlInsecure,
                $"MapboxApiUrl '{text}' uses http:// to {uri.Host}, which is not a loopback address; nothing was sent");
        }

        return uri;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
