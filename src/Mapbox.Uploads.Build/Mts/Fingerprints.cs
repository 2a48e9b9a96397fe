using System.Globalization;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;

namespace Mapbox.Uploads.Build;

/// <summary>The content fingerprint of a file read whole: its SHA-256 with what the file system says of it.</summary>
internal static class Fingerprints
{
    public static ContentFingerprint Of(string path, CancellationToken cancellationToken)
    {
        var facts = FileFacts.Of(path);
        using var sha = SHA256.Create();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            sha.TransformBlock(buffer, 0, read, null, 0);
        }

        sha.TransformFinalBlock(buffer, 0, 0);
        var hex = new StringBuilder(64);
        foreach (var b in sha.Hash!)
        {
            hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
        }

        return facts is { } known
            ? new ContentFingerprint(hex.ToString(), known.Length, known.LastWriteUtc, known.ContentPath)
            : new ContentFingerprint(hex.ToString(), stream.Length, default, null);
    }
}
