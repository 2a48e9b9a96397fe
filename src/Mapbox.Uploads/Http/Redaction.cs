using System;
using System.Text.RegularExpressions;
using Mapbox.Uploads.Tokens;

namespace Mapbox.Uploads.Http;

/// <summary>Removes secrets from urls and free text before they reach a message, a log or ToString().</summary>
internal static class Redaction
{
    public const string Mask = "***";

    private static readonly Regex SecretQueryParameter = new(
        @"(?<name>(access_token|X-Amz-Security-Token|X-Amz-Signature|X-Amz-Credential)=)[^&#\s""'<>]*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    public static string Url(Uri url) => Text(url.OriginalString);

    public static string Text(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var withoutQuerySecrets = SecretQueryParameter.Replace(text, m => m.Groups["name"].Value + Mask);
        return TokenShape.Pattern.Replace(withoutQuerySecrets, m => m.Groups["kind"].Value + "." + Mask);
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
