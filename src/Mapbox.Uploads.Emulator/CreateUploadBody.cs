using System.Collections.Generic;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Mapbox.Uploads.Emulator;

/// <summary>The create body, validated as the service does; <see cref="Problem"/> is the 422 message when it is not valid.</summary>
internal sealed partial record CreateUploadBody(string Tileset, string Url, string? Name, string? Problem)
{
    public const int MaxNameLength = 64;
    private const string DatasetUrlPrefix = "mapbox://datasets/";

    private static readonly HashSet<string> KnownProperties = ["tileset", "url", "name", "patch", "bypass_mbtiles_validation"];

    public bool IsDatasetUrl => Url.StartsWith(DatasetUrlPrefix, System.StringComparison.Ordinal);

    public static CreateUploadBody Parse(JsonElement body, string username)
    {
        foreach (var property in body.EnumerateObject())
        {
            if (!KnownProperties.Contains(property.Name))
            {
                return Invalid(ApiMessages.InvalidProperty(property.Name));
            }
        }
        if (!body.TryGetProperty("tileset", out var tilesetValue) || tilesetValue.ValueKind == JsonValueKind.Null)
        {
            return Invalid(ApiMessages.MissingProperty("tileset"));
        }
        if (tilesetValue.ValueKind != JsonValueKind.String)
        {
            return Invalid(ApiMessages.InvalidValue("tileset", "it must be a string."));
        }
        var tileset = tilesetValue.GetString()!;
        var dot = tileset.IndexOf('.');
        if (dot < 0 || !TilesetIdPattern().IsMatch(tileset[(dot + 1)..]))
        {
            return Invalid(ApiMessages.InvalidValue(
                "tileset", "it must be {username}.{id}, the id 1 to 32 letters, digits, '-' or '_'."));
        }
        if (tileset[..dot] != username)
        {
            return Invalid(ApiMessages.InvalidValue("tileset", $"the owner must be {username}."));
        }
        if (!body.TryGetProperty("url", out var urlValue) || urlValue.ValueKind == JsonValueKind.Null)
        {
            return Invalid(ApiMessages.MissingProperty("url"));
        }
        if (urlValue.ValueKind != JsonValueKind.String)
        {
            return Invalid(ApiMessages.InvalidValue("url", "it must be a string."));
        }
        string? name = null;
        if (body.TryGetProperty("name", out var nameValue) && nameValue.ValueKind != JsonValueKind.Null)
        {
            if (nameValue.ValueKind != JsonValueKind.String)
            {
                return Invalid(ApiMessages.InvalidValue("name", "it must be a string."));
            }
            name = nameValue.GetString()!;
            if (name.Length > MaxNameLength)
            {
                return Invalid(ApiMessages.InvalidValue("name", $"it must be at most {MaxNameLength} characters."));
            }
        }
        foreach (var flag in (string[])["patch", "bypass_mbtiles_validation"])
        {
            if (body.TryGetProperty(flag, out var flagValue) && flagValue.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return Invalid(ApiMessages.InvalidValue(flag, "it must be a boolean."));
            }
        }
        return new CreateUploadBody(tileset, urlValue.GetString()!, name, Problem: null);
    }

    /// <summary>Whether a <c>mapbox://datasets/{username}/{dataset}</c> url names a dataset of <paramref name="username"/>.</summary>
    public bool NamesDatasetOf(string username)
    {
        var rest = Url[DatasetUrlPrefix.Length..].Split('/');
        return rest.Length == 2 && rest[0] == username && DatasetIdPattern().IsMatch(rest[1]);
    }

    private static CreateUploadBody Invalid(string problem) => new("", "", null, problem);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex TilesetIdPattern();

    [GeneratedRegex("^[a-z0-9]{1,64}$")]
    private static partial Regex DatasetIdPattern();
}
