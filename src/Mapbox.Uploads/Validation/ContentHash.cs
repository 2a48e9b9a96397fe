using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace Mapbox.Uploads.Validation;

/// <summary>The content hash the checks record and staging compares against: SHA-256, lowercase hex.</summary>
internal static class ContentHash
{
    public static string Of(Stream stream, CancellationToken cancellationToken)
    {
        stream.Position = 0;
        using var sha = SHA256.Create();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sha.TransformBlock(buffer, 0, read, null, 0);
        }

        sha.TransformFinalBlock(buffer, 0, 0);
        return Hex(sha.Hash!);
    }

    public static string Hex(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
