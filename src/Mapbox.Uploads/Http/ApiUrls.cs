using System;
using System.Collections.Generic;
using System.Linq;

namespace Mapbox.Uploads.Http;

/// <summary>Builds the Uploads API's urls; the token goes in the query string, as every Mapbox client sends it.</summary>
internal sealed class ApiUrls
{
    private readonly string _root;
    private readonly string _escapedToken;

    public ApiUrls(Uri apiBaseUrl, MapboxAccessToken token)
    {
        if (!TransportSecurity.IsAllowed(apiBaseUrl))
        {
            throw new ArgumentException(TransportSecurity.Refusal(apiBaseUrl, "the API address"), nameof(apiBaseUrl));
        }

        BaseUrl = apiBaseUrl;
        _root = apiBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/uploads/v1/" + Uri.EscapeDataString(token.Username);
        _escapedToken = Uri.EscapeDataString(token.Value);
    }

    public Uri BaseUrl { get; }

    public Uri Credentials() => Build("/credentials");

    public Uri Uploads(IEnumerable<KeyValuePair<string, string?>>? query = null) => Build(string.Empty, query);

    public Uri Upload(string uploadId) => Build("/" + Uri.EscapeDataString(uploadId));

    /// <summary>
    /// Accepts a <c>Link rel="next"</c> url as the service wrote it. It must be on the API's own origin (the token is
    /// attached to it); the token is added when the service left it out.
    /// </summary>
    public Uri? NextPage(Uri current, string link)
    {
        if (!Uri.TryCreate(current, link, out var next) ||
            !string.Equals(next.GetLeftPart(UriPartial.Authority), BaseUrl.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var query = next.Query.TrimStart('?');
        var hasToken = query.Split('&').Any(p => p.StartsWith("access_token=", StringComparison.Ordinal));
        if (hasToken)
        {
            return next;
        }

        var separator = query.Length == 0 ? "?" : "&";
        return new Uri(next.GetLeftPart(UriPartial.Path) + (query.Length == 0 ? string.Empty : "?" + query) + separator + "access_token=" + _escapedToken);
    }

    private Uri Build(string suffix, IEnumerable<KeyValuePair<string, string?>>? query = null)
    {
        var text = _root + suffix + "?access_token=" + _escapedToken;
        foreach (var pair in query ?? Enumerable.Empty<KeyValuePair<string, string?>>())
        {
            text += "&" + Uri.EscapeDataString(pair.Key) + (pair.Value is null ? string.Empty : "=" + Uri.EscapeDataString(pair.Value));
        }

        return new Uri(text);
    }
}
