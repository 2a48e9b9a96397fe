using System.Globalization;
using System.Text;

namespace Mapbox.Uploads.Validation;

/// <summary>The content hash the checks record and staging compares against: SHA-256, written as lowercase hex.</summary>
internal static class ContentHash
{
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
