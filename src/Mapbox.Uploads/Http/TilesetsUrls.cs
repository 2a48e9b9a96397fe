using System;
using System.Collections.Generic;

namespace Mapbox.Uploads.Http;

/// <summary>Builds the Tiling Service's urls; the token goes in the query string, as every Mapbox client sends it.</summary>
internal sealed class TilesetsUrls
{
    private readonly string _root;
    private readonly string _user;
    private readonly string _escapedToken;

    public TilesetsUrls(ApiUrls apiUrls, MapboxAccessToken token)
    {
        Api = apiUrls;
        _root = apiUrls.BaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/tilesets/v1";
        _user = Uri.EscapeDataString(token.Username);
        _escapedToken = Uri.EscapeDataString(token.Value);
    }

    /// <summary>The Uploads urls, whose next-page rule (same origin, token added) applies here too.</summary>
    public ApiUrls Api { get; }

    public Uri Sources(IEnumerable<KeyValuePair<string, string?>>? query = null) => Build("/sources/" + _user, query);

    public Uri Source(string sourceId) => Build("/sources/" + _user + "/" + Uri.EscapeDataString(sourceId));

    public Uri Changesets(IEnumerable<KeyValuePair<string, string?>>? query = null) => Build("/changesets/" + _user, query);

    public Uri Changeset(string changesetId) => Build("/changesets/" + _user + "/" + Uri.EscapeDataString(changesetId));

    public Uri ValidateRecipe() => Build("/validateRecipe");

    public Uri Tileset(TilesetId tileset, string suffix = "") => Build("/" + Uri.EscapeDataString(tileset.ToString()) + suffix);

    public Uri Tilesets(IEnumerable<KeyValuePair<string, string?>>? query = null) => Build("/" + _user, query);

    public Uri Jobs(TilesetId tileset, IEnumerable<KeyValuePair<string, string?>>? query = null) =>
        Build("/" + Uri.EscapeDataString(tileset.ToString()) + "/jobs", query);

    public Uri Job(TilesetId tileset, string jobId) => Tileset(tileset, "/jobs/" + Uri.EscapeDataString(jobId));

    public Uri Queue() => Build("/queue");

    private Uri Build(string suffix, IEnumerable<KeyValuePair<string, string?>>? query = null)
    {
        var text = _root + suffix + "?access_token=" + _escapedToken;
        foreach (var pair in query ?? Array.Empty<KeyValuePair<string, string?>>())
        {
            if (pair.Value is not null)
            {
                text += "&" + Uri.EscapeDataString(pair.Key) + "=" + Uri.EscapeDataString(pair.Value);
            }
        }

        return new Uri(text);
    }
}
