using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// The content hash the checks record and staging compares against: SHA-256, written as lowercase hex, the one hex
/// writer of the client and the task.
/// </summary>
internal static class ContentHash
{
    /// <summary>The hash of content already in memory.</summary>
    public static string Of(byte[] content)
    {
        using var sha256 = SHA256.Create();
        return Hex(sha256.ComputeHash(content));
    }

    public static string Hex(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            text.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
