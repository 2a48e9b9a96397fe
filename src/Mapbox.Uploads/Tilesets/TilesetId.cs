using System;
using System.Text.RegularExpressions;

namespace Mapbox.Uploads;

/// <summary>
/// A tileset id, <c>{owner}.{id}</c>: the owner is the account, the id is 1 to 32 of
/// <c>A-Z a-z 0-9 - _</c>. Reusing an id replaces that tileset.
/// </summary>
public readonly struct TilesetId : IEquatable<TilesetId>
{
    /// <summary>The longest id part the service accepts.</summary>
    public const int MaxIdLength = 32;

    /// <summary>The longest display name (<see cref="UploadRequest.Name"/>) the service accepts.</summary>
    public const int MaxNameLength = 64;

    private static readonly Regex IdPattern = new("^[A-Za-z0-9_-]{1,32}$", RegexOptions.CultureInvariant);
    private static readonly Regex OwnerPattern = new("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant);

    private readonly string? _owner;
    private readonly string? _id;

    /// <summary>Creates a tileset id from its two parts.</summary>
    /// <param name="owner">The account that owns the tileset.</param>
    /// <param name="id">The id part (1 to 32 of <c>A-Z a-z 0-9 - _</c>).</param>
    /// <exception cref="FormatException">A part breaks the rules.</exception>
    public TilesetId(string owner, string id)
    {
        var error = CheckOwner(owner) ?? CheckId(id);
        if (error is not null)
        {
            throw new FormatException(error);
        }

        _owner = owner;
        _id = id;
    }

    /// <summary>The account that owns the tileset.</summary>
    public string Owner => _owner ?? string.Empty;

    /// <summary>The id part, after the dot.</summary>
    public string Id => _id ?? string.Empty;

    /// <summary>Parses a map id: a bare id gets <paramref name="defaultOwner"/>; <c>owner.id</c> is taken as is.</summary>
    /// <param name="mapId">A bare id (<c>roads</c>) or a full tileset id (<c>alice.roads</c>).</param>
    /// <param name="defaultOwner">The owner for a bare id, usually <see cref="MapboxAccessToken.Username"/>.</param>
    /// <returns>The tileset id.</returns>
    /// <exception cref="FormatException">The id breaks the rules; the message says which.</exception>
    public static TilesetId Parse(string mapId, string defaultOwner) =>
        TryParse(mapId, defaultOwner, out var tileset, out var error) ? tileset : throw new FormatException(error);

    /// <summary>Parses a map id without throwing.</summary>
    /// <param name="mapId">A bare id (<c>roads</c>) or a full tileset id (<c>alice.roads</c>).</param>
    /// <param name="defaultOwner">The owner for a bare id.</param>
    /// <param name="tileset">The tileset id when the method returns true.</param>
    /// <param name="error">What is wrong when the method returns false.</param>
    /// <returns>True when the id is valid.</returns>
    public static bool TryParse(string? mapId, string defaultOwner, out TilesetId tileset, out string? error)
    {
        tileset = default;
        if (string.IsNullOrWhiteSpace(mapId))
        {
            error = "A map id is required: 1 to 32 of A-Z a-z 0-9 - _ (for example 'roads'), optionally prefixed by the owner ('alice.roads').";
            return false;
        }

        string owner;
        string id;
        var dot = mapId!.IndexOf('.');
        if (dot < 0)
        {
            owner = defaultOwner;
            id = mapId;
        }
        else
        {
            owner = mapId.Substring(0, dot);
            id = mapId.Substring(dot + 1);
        }

        error = CheckOwner(owner) ?? CheckId(id);
        if (error is not null)
        {
            return false;
        }

        tileset = new TilesetId(owner, id);
        return true;
    }

    /// <summary>Checks a display name against <see cref="MaxNameLength"/>.</summary>
    /// <param name="name">The name, or null for none.</param>
    /// <returns>Null when acceptable, else what is wrong.</returns>
    public static string? CheckName(string? name) =>
        name is not null && name.Length > MaxNameLength
            ? $"The tileset name is {name.Length} characters long; Mapbox accepts at most {MaxNameLength}."
            : null;

    /// <summary>The service form, <c>owner.id</c>.</summary>
    /// <returns><c>owner.id</c>.</returns>
    public override string ToString() => $"{Owner}.{Id}";

    /// <inheritdoc />
    public bool Equals(TilesetId other) =>
        string.Equals(Owner, other.Owner, StringComparison.Ordinal) && string.Equals(Id, other.Id, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TilesetId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(ToString());

    /// <summary>Compares two tileset ids ordinally.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns>True when both parts are equal.</returns>
    public static bool operator ==(TilesetId left, TilesetId right) => left.Equals(right);

    /// <summary>Compares two tileset ids ordinally.</summary>
    /// <param name="left">The first id.</param>
    /// <param name="right">The second id.</param>
    /// <returns>True when a part differs.</returns>
    public static bool operator !=(TilesetId left, TilesetId right) => !left.Equals(right);

    private static string? CheckOwner(string? owner)
    {
        if (string.IsNullOrEmpty(owner))
        {
            return "The tileset owner is empty: use 'owner.id' or a bare id with a token that names the account.";
        }

        return OwnerPattern.IsMatch(owner) ? null : $"The tileset owner '{owner}' may only contain A-Z a-z 0-9 - _.";
    }

    private static string? CheckId(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return "The tileset id part after the owner is empty: use 1 to 32 of A-Z a-z 0-9 - _.";
        }

        if (id!.Length > MaxIdLength)
        {
            return $"The tileset id '{id}' is {id.Length} characters long; Mapbox accepts 1 to {MaxIdLength} of A-Z a-z 0-9 - _.";
        }

        return IdPattern.IsMatch(id) ? null : $"The tileset id '{id}' may only contain A-Z a-z 0-9 - _ (1 to {MaxIdLength} characters).";
    }
}
