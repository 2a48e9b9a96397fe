using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// The service's rules for raster and rasterarray recipes and jobs, as documented: sources at the root, zooms
/// required for raster, layer names of A-Z a-z 0-9 _; a raster job takes GeoTIFFs only, a rasterarray job GeoTIFF,
/// NetCDF or GRIB; a GeoTIFF without a CRS in its GeoKeys needs <c>crs</c> on its source. The job errors' wording is
/// the emulator's own (the service's is not documented).
/// </summary>
internal static partial class TilesetsRasterRules
{
    public const string RasterArraysFlag = "api_rasterarrays";
    public const string RasterArraysForbidden = "Forbidden: rasterarray tilesets need the api_rasterarrays feature flag on the account. Contact Mapbox to enable it.";
    public const string WrongFileType = "Unsupported file type";
    public const string NoCrs = "No coordinate reference system found in source file; set \"crs\" on the recipe source";
    private const int MaxZoom = 22;

    [GeneratedRegex("^[A-Za-z0-9_]+$")]
    private static partial Regex LayerName();

    /// <summary>The recipe's raster type (raster or rasterarray); null for a vector recipe.</summary>
    public static string? TypeOf(JsonElement recipe) =>
        recipe.ValueKind == JsonValueKind.Object && recipe.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() is "raster" or "rasterarray"
            ? type.GetString()
            : null;

    public static string? TypeOf(string recipeJson)
    {
        using var document = JsonDocument.Parse(recipeJson);
        return TypeOf(document.RootElement);
    }

    public static List<string> Errors(JsonElement recipe, string type, string user, Func<string, bool> sourceExists)
    {
        var errors = new List<string>();
        if (!recipe.TryGetProperty("version", out var version) || version.GetRawText() != "1")
        {
            errors.Add("version: must be 1");
        }
        if (!recipe.TryGetProperty("sources", out var sources) || sources.ValueKind != JsonValueKind.Array || sources.GetArrayLength() == 0)
        {
            errors.Add("sources: required array of at least one source");
        }
        else
        {
            var index = 0;
            foreach (var source in sources.EnumerateArray())
            {
                var uri = source.ValueKind == JsonValueKind.Object && source.TryGetProperty("uri", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : null;
                if (uri is null)
                {
                    errors.Add($"sources[{index}].uri: required");
                }
                else if (!uri.StartsWith(TilesetsMessages.SourceUriPrefix + user + "/", StringComparison.Ordinal))
                {
                    errors.Add($"sources[{index}].uri: must be {TilesetsMessages.SourceUriPrefix}{user}/{{id}}");
                }
                else if (!sourceExists(uri[TilesetsMessages.SourceUriPrefix.Length..]))
                {
                    errors.Add($"sources[{index}].uri: {uri} does not exist");
                }
                if (source.ValueKind == JsonValueKind.Object && source.TryGetProperty("crs", out var crs) && crs.ValueKind != JsonValueKind.String)
                {
                    errors.Add($"sources[{index}].crs: must be a string");
                }
                index++;
            }
        }
        var min = Zoom(recipe, "minzoom", type == "raster", errors);
        var max = Zoom(recipe, "maxzoom", type == "raster", errors);
        if (min > max)
        {
            errors.Add("minzoom must not be greater than maxzoom");
        }
        if (!recipe.TryGetProperty("layers", out var layers) || layers.ValueKind != JsonValueKind.Object || !layers.EnumerateObject().Any())
        {
            errors.Add("layers: required object with at least one layer");
            return errors;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var layer in layers.EnumerateObject())
        {
            if (!LayerName().IsMatch(layer.Name) || !names.Add(layer.Name))
            {
                errors.Add($"layers.{layer.Name}: layer names must be unique and match [A-Za-z0-9_]");
            }
            if (layer.Value.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"layers.{layer.Name}: must be an object");
            }
        }
        return errors;
    }

    /// <summary>The job's errors for a raster recipe over the account's sources (null when a source is missing).</summary>
    public static List<string> JobErrors(string recipeJson, string type, Func<string, IReadOnlyList<StoredFile>?> sourceFiles)
    {
        var errors = new List<string>();
        using var document = JsonDocument.Parse(recipeJson);
        foreach (var source in document.RootElement.GetProperty("sources").EnumerateArray())
        {
            var uri = source.GetProperty("uri").GetString()!;
            var hasCrs = source.TryGetProperty("crs", out _);
            if (sourceFiles(uri[TilesetsMessages.SourceUriPrefix.Length..]) is not { } files)
            {
                errors.Add($"{uri}: {TilesetsMessages.SourceNotFound}");
                continue;
            }
            foreach (var file in files)
            {
                var kind = Sniff(file.ReadAt(0, 4));
                if (kind is null || (type == "raster" && kind != "tiff"))
                {
                    errors.Add($"{uri}: {WrongFileType}: {(type == "raster" ? "raster tilesets take GeoTIFF" : "rasterarray tilesets take GeoTIFF, NetCDF or GRIB")}");
                }
                else if (kind == "tiff" && !hasCrs && !TiffNamesCrs(file))
                {
                    errors.Add($"{uri}: {NoCrs}");
                }
            }
        }
        return errors;
    }

    private static string? Sniff(byte[] file) => file switch
    {
        [(byte)'I', (byte)'I', 42 or 43, 0, ..] or [(byte)'M', (byte)'M', 0, 42 or 43, ..] => "tiff",
        [(byte)'C', (byte)'D', (byte)'F', 1 or 2 or 5, ..] or [0x89, (byte)'H', (byte)'D', (byte)'F', ..] => "netcdf",
        [(byte)'G', (byte)'R', (byte)'I', (byte)'B', ..] => "grib",
        _ => null,
    };

    /// <summary>
    /// A classic TIFF's first directory has GeoKeys naming a geographic or projected CRS. Reads only the header, the
    /// directory and the key directory, wherever they are in the file.
    /// </summary>
    private static bool TiffNamesCrs(StoredFile file)
    {
        var header = file.ReadAt(0, 8);
        var little = header[0] == 'I';
        ushort U16(byte[] bytes, int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(at));
        uint U32(byte[] bytes, int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at));
        if (header.Length < 8 || U16(header, 2) != 42 || U32(header, 4) is var ifd && ifd + 2 > file.Length)
        {
            return header.Length >= 8 && U16(header, 2) == 43; // BigTIFF: not read here; taken as georeferenced.
        }
        var entries = U16(file.ReadAt(ifd, 2), 0);
        var directory = file.ReadAt(ifd + 2, entries * 12);
        for (var i = 0; i < entries && (i + 1) * 12 <= directory.Length; i++)
        {
            var at = i * 12;
            if (U16(directory, at) != 34735 || U16(directory, at + 2) != 3)
            {
                continue;
            }
            var count = (int)U32(directory, at + 4);
            var values = count <= 2 ? directory.AsSpan(at + 8, 4).ToArray() : file.ReadAt(U32(directory, at + 8), count * 2);
            for (var key = 1; key * 4 < count && (key * 8) + 8 <= values.Length; key++)
            {
                var id = U16(values, key * 8);
                if (id is 2048 or 3072 && U16(values, (key * 8) + 2) == 0 && U16(values, (key * 8) + 6) != 0)
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static int Zoom(JsonElement recipe, string property, bool required, List<string> errors)
    {
        var fallback = property == "minzoom" ? int.MinValue : int.MaxValue;
        if (!recipe.TryGetProperty(property, out var zoom))
        {
            if (required)
            {
                errors.Add($"{property}: required for raster recipes, an integer from 0 to {MaxZoom}");
            }
            return fallback;
        }
        if (zoom.ValueKind == JsonValueKind.Number && zoom.TryGetInt32(out var value) && value is >= 0 and <= MaxZoom)
        {
            return value;
        }
        errors.Add($"{property}: must be an integer from 0 to {MaxZoom}");
        return fallback;
    }
}
