using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Mapbox.Uploads.Build;

/// <summary>
/// The record of an item's last upload, one JSON file per item under the intermediate directory.
/// Content is compared by hash, not timestamp: checkouts and copies rewrite timestamps.
/// </summary>
internal sealed class UploadStamp
{
    public string ContentHash { get; set; } = string.Empty;

    public string Tileset { get; set; } = string.Empty;

    public string? UploadId { get; set; }

    public string Status { get; set; } = string.Empty;

    /// <summary>True when this stamp proves <paramref name="entry"/> is already on Mapbox as it is now.</summary>
    public bool Covers(TilesetEntry entry) =>
        string.Equals(Status, nameof(UploadStatus.Succeeded), StringComparison.Ordinal)
        && string.Equals(ContentHash, entry.ContentHash, StringComparison.Ordinal)
        && string.Equals(Tileset, entry.Tileset.ToString(), StringComparison.Ordinal);

    /// <summary>Windows paths differ in case between Visual Studio and a command line; they name the same file.</summary>
    internal static readonly bool PathsIgnoreCase = Path.DirectorySeparatorChar == '\\';

    public static string PathFor(string stampDirectory, string dataFile) => PathFor(stampDirectory, dataFile, PathsIgnoreCase);

    internal static string PathFor(string stampDirectory, string dataFile, bool pathsIgnoreCase)
    {
        var identity = pathsIgnoreCase ? dataFile.ToUpperInvariant() : dataFile;
        var pathHash = Hex(Sha256(Encoding.UTF8.GetBytes(identity))).Substring(0, 12);
        return Path.Combine(stampDirectory, $"{Path.GetFileName(dataFile)}.{pathHash}.json");
    }

    /// <summary>The stamp at <paramref name="path"/>, or null when there is none or it cannot be read.</summary>
    public static UploadStamp? TryRead(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            return new UploadStamp
            {
                ContentHash = Text(root, "contentHash") ?? string.Empty,
                Tileset = Text(root, "tileset") ?? string.Empty,
                UploadId = Text(root, "uploadId"),
                Status = Text(root, "status") ?? string.Empty,
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    public static void Write(TilesetEntry entry)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(entry.StampPath)!);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("file", entry.FullPath);
            json.WriteString("contentHash", entry.ContentHash);
            json.WriteString("tileset", entry.Tileset.ToString());
            json.WriteString("uploadId", entry.UploadId);
            json.WriteString("status", entry.Status.ToString());
            json.WriteEndObject();
        }

        File.WriteAllBytes(entry.StampPath, stream.ToArray());
    }

    public static string HashFile(string path)
    {
        using var sha = SHA256.Create();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
        return Hex(sha.ComputeHash(stream));
    }

    private static byte[] Sha256(byte[] data)
    {
        using var sha = SHA256.Create();
        return sha.ComputeHash(data);
    }

    private static string Hex(byte[] bytes)
    {
        var text = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
        {
            text.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static string? Text(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
