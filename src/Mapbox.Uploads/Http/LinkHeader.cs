using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Text.RegularExpressions;

namespace Mapbox.Uploads.Http;

/// <summary>Reads RFC 8288 <c>Link</c> headers: <c>&lt;url&gt;; rel="next"</c>, possibly several per header.</summary>
internal static class LinkHeader
{
    private static readonly Regex LinkValue = new(
        @"<(?<url>[^>]*)>(?<params>[^,<]*)",
        RegexOptions.CultureInvariant);

    private static readonly Regex RelParameter = new(
        @";\s*rel\s*=\s*(""(?<rel>[^""]*)""|(?<rel>[^;\s,]+))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static string? FindNext(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var headers))
        {
            return null;
        }

        foreach (var header in headers)
        {
            foreach (var url in FindRel(header, "next"))
            {
                return url;
            }
        }

        return null;
    }

    public static IEnumerable<string> FindRel(string header, string relation)
    {
        foreach (Match link in LinkValue.Matches(header))
        {
            var rel = RelParameter.Match(link.Groups["params"].Value);
            if (!rel.Success)
            {
                continue;
            }

            foreach (var value in rel.Groups["rel"].Value.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                if (string.Equals(value, relation, StringComparison.OrdinalIgnoreCase))
                {
                    yield return link.Groups["url"].Value.Trim();
                    break;
                }
            }
        }
    }
}
