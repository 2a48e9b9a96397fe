using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads;

/// <summary>
/// The one place for a tileset changeset's id and URI: the id is 1 to 32 of <c>A-Z a-z 0-9 - _</c> (the rule of a
/// source id), the URI <c>mapbox://tileset-changeset/{user}/{id}</c> is how <c>publish-changesets</c> names it.
/// </summary>
public static class ChangesetIds
{
    /// <summary>The scheme and path every changeset URI starts with, before <c>{user}/{id}</c>.</summary>
    public const string UriPrefix = "mapbox://tileset-changeset/";

    /// <summary>The longest changeset id.</summary>
    public const int MaxLength = TilesetSourceLimits.MaxIdLength;

    /// <summary>Checks a changeset id.</summary>
    /// <param name="changesetId">The id.</param>
    /// <returns>What is wrong, or null when the id is valid.</returns>
    public static string? Check(string? changesetId) =>
        TilesetSourceValidator.IsResourceId(changesetId)
            ? null
            : $"The changeset id '{changesetId}' is not 1 to {MaxLength} of A-Z a-z 0-9 - _.";

    /// <summary>The changeset's URI, as a <c>publish-changesets</c> body names it.</summary>
    /// <param name="username">The account that owns the changeset.</param>
    /// <param name="changesetId">The changeset id; not checked here.</param>
    /// <returns><c>mapbox://tileset-changeset/{username}/{changesetId}</c>.</returns>
    public static string ToUri(string username, string changesetId) => UriPrefix + username + "/" + changesetId;
}
