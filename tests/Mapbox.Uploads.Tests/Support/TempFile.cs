using System;
using System.IO;
using System.Security.Cryptography;

namespace Mapbox.Uploads.Tests.Support;

internal sealed class TempFile : IDisposable
{
    private TempFile(string path) => Path = path;

    public string Path { get; }

    public static TempFile WithText(string text, string extension = ".geojson")
    {
        var file = new TempFile(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mbx-" + Guid.NewGuid().ToString("N") + extension));
        File.WriteAllText(file.Path, text);
        return file;
    }

    public static TempFile WithRandomBytes(long length, string extension = ".mbtiles", int seed = 42)
    {
        var file = new TempFile(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mbx-" + Guid.NewGuid().ToString("N") + extension));
        var random = new Random(seed);
        var buffer = new byte[81920];
        using var stream = File.Create(file.Path);
        for (long written = 0; written < length; written += buffer.Length)
        {
            random.NextBytes(buffer);
            stream.Write(buffer, 0, (int)Math.Min(buffer.Length, length - written));
        }

        return file;
    }

    public string Sha256()
    {
        using var stream = File.OpenRead(Path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }

    public void Dispose()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
        }
    }
}
