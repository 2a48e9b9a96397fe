using System.Text.RegularExpressions;

namespace Mapbox.Uploads.Tokens;

/// <summary>
/// What a Mapbox access token looks like inside any text: <c>pk.</c>, <c>sk.</c> or <c>tk.</c>, a payload of 8 or more
/// base64url characters, a dot and a signature of 4 or more. Redaction masks it, the task warns of it in a property,
/// the tool refuses it as an argument: one rule, so all three agree on what a token is.
/// </summary>
internal static class TokenShape
{
    /// <summary>A match of one token; the group <c>kind</c> holds its prefix.</summary>
    public static readonly Regex Pattern = new(@"\b(?<kind>pk|sk|tk)\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{4,}", RegexOptions.CultureInvariant);

    /// <summary>True when <paramref name="text"/> holds something shaped like a token anywhere.</summary>
    public static bool IsIn(string? text) => !string.IsNullOrEmpty(text) && Pattern.IsMatch(text);
}
