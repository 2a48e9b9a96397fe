using System;
using System.Text;
using Mapbox.Uploads;

namespace Mapbox.Uploads.Tests.Support;

internal static class TestTokens
{
    public const string Username = "alice";

    // Distinctive, so a leak is easy to spot in any text.
    public const string Signature = "SECRETSIGNATUREzz9";

    public static string Raw(string username = Username, string kind = "sk") =>
        $"{kind}.{Base64Url($"{{\"u\":\"{username}\",\"a\":\"ckabc\"}}")}.{Signature}";

    public static MapboxAccessToken Token(string username = Username) => MapboxAccessToken.Parse(Raw(username));

    public static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static void AssertNoSecret(string? text)
    {
        if (text is null)
        {
            return;
        }

        Assert.DoesNotContain(Signature, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Raw(), text, StringComparison.Ordinal);
    }
}
