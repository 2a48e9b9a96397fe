using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Mapbox.Uploads.Emulator;

/// <summary>What one line of a source or changeset file is to the tiler.</summary>
internal enum FeatureLineKind
{
    /// <summary>A GeoJSON Feature object.</summary>
    Feature,

    /// <summary>A changeset's delete marker, <c>{"id":…,"delete":true}</c>.</summary>
    Delete,

    /// <summary>Anything else: blank, not JSON, not a Feature; the tiler processes nothing of it.</summary>
    Other,
}

/// <summary>One line of line-delimited GeoJSON: its kind, its id key and its bytes (without the line break).</summary>
/// <param name="Kind">What the line is.</param>
/// <param name="Id">The top-level <c>id</c> as its JSON text (<c>"a"</c> and <c>1</c> differ from <c>1</c> and <c>"1"</c>); null without a string or number id.</param>
/// <param name="Line">The line's bytes.</param>
internal readonly record struct FeatureLine(FeatureLineKind Kind, string? Id, byte[] Line);

/// <summary>Reads the lines of line-delimited GeoJSON files one by one.</summary>
internal static class FeatureLines
{
    private const int ChunkSize = 64 * 1024;

    public static IEnumerable<FeatureLine> Read(IEnumerable<StoredFile> files)
    {
        foreach (var file in files)
        {
            using var stream = file.OpenRead();
            var chunk = new byte[ChunkSize];
            var pending = new List<byte>();
            int read;
            while ((read = stream.Read(chunk)) > 0)
            {
                var start = 0;
                int end;
                while ((end = Array.IndexOf(chunk, (byte)'\n', start, read - start)) >= 0)
                {
                    if (Line(pending, chunk.AsSpan(start, end - start)) is { } line)
                    {
                        yield return line;
                    }
                    start = end + 1;
                }
                pending.AddRange(chunk.AsSpan(start, read - start));
            }
            if (Line(pending, []) is { } last)
            {
                yield return last;
            }
        }
    }

    /// <summary>True when the files hold no line but blanks.</summary>
    public static bool AreEmpty(IEnumerable<StoredFile> files)
    {
        foreach (var file in files)
        {
            using var stream = file.OpenRead();
            var chunk = new byte[ChunkSize];
            int read;
            while ((read = stream.Read(chunk)) > 0)
            {
                if (chunk.AsSpan(0, read).IndexOfAnyExcept(" \t\r\n"u8) >= 0)
                {
                    return false;
                }
            }
        }
        return true;
    }

    /// <summary>The line made of <paramref name="pending"/> (a line's start from earlier chunks, then cleared) and <paramref name="tail"/>, without a trailing CR; null when empty.</summary>
    private static FeatureLine? Line(List<byte> pending, ReadOnlySpan<byte> tail)
    {
        var bytes = new byte[pending.Count + tail.Length];
        pending.CopyTo(bytes);
        tail.CopyTo(bytes.AsSpan(pending.Count));
        pending.Clear();
        var length = bytes.Length > 0 && bytes[^1] == '\r' ? bytes.Length - 1 : bytes.Length;
        return length > 0 ? Classify(length == bytes.Length ? bytes : bytes[..length]) : null;
    }

    private static FeatureLine Classify(byte[] line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new FeatureLine(FeatureLineKind.Other, null, line);
            }
            var id = root.TryGetProperty("id", out var idValue) && idValue.ValueKind is JsonValueKind.String or JsonValueKind.Number ? idValue.GetRawText() : null;
            if (root.TryGetProperty("delete", out var delete) && delete.ValueKind == JsonValueKind.True)
            {
                return new FeatureLine(id is null ? FeatureLineKind.Other : FeatureLineKind.Delete, id, line);
            }
            var isFeature = root.TryGetProperty("type", out var type) && type.ValueEquals("Feature");
            return new FeatureLine(isFeature ? FeatureLineKind.Feature : FeatureLineKind.Other, id, line);
        }
        catch (JsonException)
        {
            return new FeatureLine(FeatureLineKind.Other, null, line);
        }
    }
}
