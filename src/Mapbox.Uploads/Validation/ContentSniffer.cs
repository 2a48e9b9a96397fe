using System;
using System.IO;

namespace Mapbox.Uploads.Validation;

/// <summary>Recognizes a file's real format from its first bytes, whatever its extension says.</summary>
internal static class ContentSniffer
{
    internal const int PrefixLength = 512;

    private static ReadOnlySpan<byte> SQLiteMagic => "SQLite format 3\0"u8;

    public static ReadOnlySpan<byte> ReadPrefix(Stream stream)
    {
        var prefix = new byte[PrefixLength];
        var length = StreamReading.ReadAtMost(stream, prefix, 0, prefix.Length);
        return prefix.AsSpan(0, length);
    }

    public static ContentSignature Sniff(ReadOnlySpan<byte> prefix)
    {
        if (prefix.Length >= 4 && prefix[0] == (byte)'P' && prefix[1] == (byte)'K' &&
            ((prefix[2] == 3 && prefix[3] == 4) || (prefix[2] == 5 && prefix[3] == 6)))
        {
            return ContentSignature.Zip;
        }

        if (prefix.Length >= 2 && prefix[0] == 0x1F && prefix[1] == 0x8B)
        {
            return ContentSignature.Gzip;
        }

        if (prefix.StartsWith(SQLiteMagic))
        {
            return ContentSignature.SQLite;
        }

        if (IsTiffHeader(prefix))
        {
            return ContentSignature.Tiff;
        }

        if (IsUtf16Xml(prefix))
        {
            return ContentSignature.Xml;
        }

        var text = SkipUtf8BomAndWhitespace(prefix);
        if (text.IsEmpty)
        {
            return ContentSignature.Unknown;
        }

        return text[0] switch
        {
            (byte)'<' => ContentSignature.Xml,
            (byte)'{' or (byte)'[' => ContentSignature.Json,
            _ => ContentSignature.Unknown,
        };
    }

    public static string Describe(ContentSignature signature) => signature switch
    {
        ContentSignature.Zip => "a zip archive",
        ContentSignature.Gzip => "gzip-compressed data",
        ContentSignature.SQLite => "an SQLite database (MBTiles)",
        ContentSignature.Tiff => "a TIFF image",
        ContentSignature.Xml => "XML (KML or GPX)",
        ContentSignature.Json => "JSON",
        _ => "an unrecognized format",
    };

    public static string Advice(ContentSignature signature) => signature switch
    {
        ContentSignature.Zip => "If it is a zipped Shapefile rename it to .zip; if it is a KMZ, unzip it and upload the .kml inside.",
        ContentSignature.Gzip => "Decompress it and upload the file inside.",
        ContentSignature.SQLite => "If it is MBTiles, rename it to .mbtiles.",
        ContentSignature.Tiff => "If it is a GeoTIFF, rename it to .tif.",
        ContentSignature.Xml => "If it is KML or GPX, rename it to .kml or .gpx.",
        ContentSignature.Json => "If it is GeoJSON, rename it to .geojson.",
        _ => "Export the data again in the format the extension names.",
    };

    private static bool IsTiffHeader(ReadOnlySpan<byte> prefix)
    {
        if (prefix.Length < 4)
        {
            return false;
        }

        var littleEndian = prefix[0] == (byte)'I' && prefix[1] == (byte)'I' && prefix[3] == 0 && (prefix[2] == 42 || prefix[2] == 43);
        var bigEndian = prefix[0] == (byte)'M' && prefix[1] == (byte)'M' && prefix[2] == 0 && (prefix[3] == 42 || prefix[3] == 43);
        return littleEndian || bigEndian;
    }

    /// <summary>Whether text starts as UTF-16 does: a byte-order mark, or a zero byte beside each ASCII character.</summary>
    public static bool IsUtf16(ReadOnlySpan<byte> prefix) =>
        prefix.Length >= 2 &&
        ((prefix[0] == 0xFF && prefix[1] == 0xFE) || (prefix[0] == 0xFE && prefix[1] == 0xFF) ||
         (prefix[0] == 0) != (prefix[1] == 0));

    private static bool IsUtf16Xml(ReadOnlySpan<byte> prefix) =>
        prefix.Length >= 4 &&
        ((prefix[0] == 0xFF && prefix[1] == 0xFE && prefix[2] == (byte)'<' && prefix[3] == 0) ||
         (prefix[0] == 0xFE && prefix[1] == 0xFF && prefix[2] == 0 && prefix[3] == (byte)'<'));

    private static ReadOnlySpan<byte> SkipUtf8BomAndWhitespace(ReadOnlySpan<byte> prefix)
    {
        if (prefix.Length >= 3 && prefix[0] == 0xEF && prefix[1] == 0xBB && prefix[2] == 0xBF)
        {
            prefix = prefix.Slice(3);
        }

        var start = 0;
        while (start < prefix.Length && prefix[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }

        return prefix.Slice(start);
    }
}
