using System;
using System.Text.RegularExpressions;

namespace Mapbox.Uploads.Http;

/// <summary>Removes secrets from urls and free text before they reach a message, a log or ToString().</summary>
internal static class Redaction
{
    public const string Mask = "***";

    private static readonly Regex SecretQueryParameter = new(
        @"(?<name>(access_token|X-Amz-Security-Token|X-Amz-Signature|X-Amz-Credential)=)[^&#\s""'<>]*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    // A Mapbox token pasted anywhere in text (pk./sk./tk. + payload + signature).
    private static readonly Regex MapboxTokenShape = new(
        @"\b(?<kind>pk|sk|tk)\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}",
        RegexOptions.CultureInvariant);

    public static string Url(Uri url) => Text(url.OriginalString);

    public static string Text(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var withoutQuerySecrets = SecretQueryParameter.Replace(text, m => m.Groups["name"].Value + Mask);
        return MapboxTokenShape.Replace(withoutQuerySecrets, m => m.Groups["kind"].Value + "." + Mask);
    }

    public static string Text(string text, params string?[] secrets)
    {
        var result = text;
        foreach (var secret in secrets)
        {
            if (!string.IsNullOrEmpty(secret))
            {
                result = result.Replace(secret, Mask);
            }
        }

        return Text(result);
    }
}
