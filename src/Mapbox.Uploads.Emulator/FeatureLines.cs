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
    public static IEnumerable<FeatureLine> Read(IEnumerable<byte[]> files)
    {
        foreach (var file in files)
        {
            var start = 0;
            while (start < file.Length)
            {
                var end = Array.IndexOf(file, (byte)'\n', start);
                end = end < 0 ? file.Length : end;
                var length = end - start;
                if (length > 0 && file[end - 1] == '\r')
                {
                    length--;
                }
                if (length > 0)
                {
                    yield return Classify(file.AsSpan(start, length).ToArray());
                }
                start = end + 1;
            }
        }
    }

    /// <summary>True when the files hold no line but blanks.</summary>
    public static bool AreEmpty(IEnumerable<byte[]> files)
    {
        foreach (var file in files)
        {
            foreach (var b in file)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return false;
                }
            }
        }
        return true;
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
