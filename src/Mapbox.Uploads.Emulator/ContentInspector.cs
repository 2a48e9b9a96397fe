using System;
using System.Text;
using System.Text.Json;

namespace Mapbox.Uploads.Emulator;

/// <summary>A first look at staged bytes, enough to fail the uploads a test sets up to fail by content.</summary>
internal static class ContentInspector
{
    private static readonly byte[][] KnownBinarySignatures =
    [
        "PK\u0003\u0004"u8.ToArray(), // zip (shapefile)
        "SQLite format 3\0"u8.ToArray(), // MBTiles
        [0x49, 0x49, 0x2A, 0x00], // little-endian TIFF
        [0x4D, 0x4D, 0x00, 0x2A], // big-endian TIFF
        [0x49, 0x49, 0x2B, 0x00], // BigTIFF
    ];

    public static string? FindError(ReadOnlySpan<byte> content)
    {
        var text = SkipBomAndWhitespace(content);
        if (text.Length > 0 && (text[0] == (byte)'{' || text[0] == (byte)'['))
        {
            return ParsesAsJson(text) ? null : UploadErrors.GeoJsonParseFailed;
        }
        foreach (var signature in KnownBinarySignatures)
        {
            if (content.StartsWith(signature))
            {
                return null;
            }
        }
        // Text (CSV, KML, GPX) passes; binary of no known type, or nothing at all, does not.
        return content.IsEmpty || LooksBinary(content) ? UploadErrors.UnknownFiletype : null;
    }

    private static ReadOnlySpan<byte> SkipBomAndWhitespace(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith(Encoding.UTF8.Preamble))
        {
            content = content[Encoding.UTF8.Preamble.Length..];
        }
        return content.TrimStart(" \t\r\n"u8);
    }

    private static bool ParsesAsJson(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            while (reader.Read())
            {
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool LooksBinary(ReadOnlySpan<byte> content) =>
        content[..Math.Min(content.Length, 512)].Contains((byte)0);
}
