using System;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Mapbox.Uploads.Changesets;

/// <summary>
/// How a feature's <c>id</c> is compared. GeoJSON (RFC 7946 §3.2) allows a string or a number, and vector tiles keep
/// integer ids, so an integer and a string of the same integer digits are the same id: <c>1</c>, <c>1.0</c> and
/// <c>"1"</c> match; <c>"01"</c>, <c>" 1"</c> and <c>"a"</c> are strings of their own. Treating them as one is the safe
/// side: a source holding both is refused as a duplicate, and a feature whose id changes from <c>1</c> to <c>"1"</c> is
/// sent as changed, never deleted after it was added.
/// </summary>
internal static class FeatureId
{
    /// <summary>The comparison key of an id written as the JSON token <paramref name="raw"/> (a string or a number).</summary>
    public static byte[] Key(ReadOnlySpan<byte> raw)
    {
        if (raw.Length > 0 && raw[0] == (byte)'"')
        {
            var reader = new Utf8JsonReader(raw);
            reader.Read();
            var text = reader.GetString()!;
            return IsInteger(text) ? Prefixed('i', NormalInteger(text)) : Prefixed('s', text);
        }

        var number = Encoding.UTF8.GetString(raw.ToArray());
        if (IsInteger(number))
        {
            return Prefixed('i', NormalInteger(number));
        }

        var value = double.Parse(number, NumberStyles.Float, CultureInfo.InvariantCulture);
        return Math.Floor(value) == value && Math.Abs(value) < 9007199254740992d
            ? Prefixed('i', ((long)value).ToString(CultureInfo.InvariantCulture))
            : Prefixed('n', value.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>A 64-bit FNV-1a hash of a key: the index's sort order. Equal hashes are told apart by their keys.</summary>
    public static ulong Hash(ReadOnlySpan<byte> key)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in key)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return hash;
    }

    private static bool IsInteger(string text)
    {
        var start = text.Length > 0 && text[0] == '-' ? 1 : 0;
        if (text.Length == start || (text[start] == '0' && text.Length > start + 1))
        {
            return false;
        }

        for (var i = start; i < text.Length; i++)
        {
            if (text[i] is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }

    private static string NormalInteger(string text) => text == "-0" ? "0" : text;

    private static byte[] Prefixed(char kind, string text)
    {
        var key = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        key[0] = (byte)kind;
        Encoding.UTF8.GetBytes(text, 0, text.Length, key, 1);
        return key;
    }
}
