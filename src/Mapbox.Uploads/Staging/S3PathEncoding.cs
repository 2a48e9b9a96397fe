using System.Text;

namespace Mapbox.Uploads.Staging;

/// <summary>
/// SigV4's URI encoding: every byte except <c>A-Z a-z 0-9 - . _ ~</c> becomes <c>%XX</c> (upper-case hex) of its
/// UTF-8 form. S3 keys are encoded once (no double encoding), with <c>/</c> kept in object keys.
/// </summary>
internal static class S3PathEncoding
{
    public static string EncodeKey(string key) => Encode(key, keepSlash: true);

    public static string EncodeComponent(string value) => Encode(value, keepSlash: false);

    private static string Encode(string value, bool keepSlash)
    {
        var builder = new StringBuilder(value.Length * 2);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (IsUnreserved(c) || (keepSlash && c == '/'))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 0xF]);
            }
        }

        return builder.ToString();
    }

    private const string Hex = "0123456789ABCDEF";

    private static bool IsUnreserved(char c) =>
        (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c is '-' or '.' or '_' or '~';
}
