using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Http;
using Mapbox.Uploads.Sources;

namespace Mapbox.Uploads;

public partial class TilesetsClient
{
    /// <summary>
    /// Sends one line-delimited GeoJSON file to a changeset, byte for byte, in one <c>file</c> part: POST creates the
    /// changeset or appends the file to it, PUT (<paramref name="replace"/>) replaces all of its files. Each line is a
    /// Feature with a top-level <c>id</c> (added, or replacing the feature with that id) or a delete marker
    /// <c>{"id":…,"delete":true}</c>; the content is not checked here.
    /// </summary>
    /// <param name="changesetId">The changeset id (<see cref="ChangesetIds.Check"/>).</param>
    /// <param name="filePath">A line-delimited GeoJSON file (<c>.ldgeojson</c>, <c>.geojsonl</c>, <c>.geojsonseq</c>, <c>.ndjson</c>).</param>
    /// <param name="replace">True to PUT (replace), false to POST (create or append).</param>
    /// <param name="expectedSha256">The file's SHA-256 (hex) when it was written or checked; the bytes sent are compared with it before the body ends. Null sends without comparing.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns>The service's answer.</returns>
    /// <exception cref="ArgumentException">The id breaks the rule, or the file is not line-delimited GeoJSON by its extension.</exception>
    /// <exception cref="FileChangedException">The bytes read were not the expected ones; the request was cut short and not repeated.</exception>
    /// <exception cref="MapboxApiException">The service refused (over 10 files or the size limits) or failed.</exception>
    public virtual Task<ChangesetUploadResult> UploadChangesetAsync(
        string changesetId,
        string filePath,
        bool replace,
        string? expectedSha256 = null,
        CancellationToken cancellationToken = default)
    {
        RequireChangesetId(changesetId);
        Require(filePath, nameof(filePath), "A file path");
        if (SourceFileFormats.Of(filePath) != SourceFileFormat.LineDelimited)
        {
            throw new ArgumentException(SourceFileFormats.NotLineDelimitedMessage(filePath, "A changeset"), nameof(filePath));
        }

        return SendForJsonAsync<ChangesetUploadResult>(
            replace ? TilesetsOperations.ReplaceChangeset : TilesetsOperations.AppendChangeset,
            () => new HttpRequestMessage(replace ? HttpMethod.Put : HttpMethod.Post, _urls.Changeset(changesetId))
            {
                Content = SourceFileContent.Create(filePath, SourceFileFormat.LineDelimited, expectedSha256),
            },
            cancellationToken);
    }

    /// <summary>Describes a changeset.</summary>
    /// <param name="changesetId">The changeset id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changeset.</returns>
    /// <exception cref="MapboxApiException">The service refused (404: no such changeset) or failed.</exception>
    public virtual Task<TilesetChangeset> GetChangesetAsync(string changesetId, CancellationToken cancellationToken = default)
    {
        RequireChangesetId(changesetId);
        return SendForJsonAsync<TilesetChangeset>(TilesetsOperations.GetChangeset, () => new HttpRequestMessage(HttpMethod.Get, _urls.Changeset(changesetId)), cancellationToken);
    }

    /// <summary>Lists the account's changesets page by page, following <c>Link rel="next"</c>.</summary>
    /// <param name="sortBy"><c>created</c> or <c>modified</c>; null lets the service choose.</param>
    /// <param name="limit">Page size, 1 to 500; null lets the service choose (100).</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The changesets, fetched lazily.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sortBy"/> or <paramref name="limit"/> is not one the service takes.</exception>
    /// <exception cref="MapboxApiException">A page request was refused or failed.</exception>
    public virtual IAsyncEnumerable<TilesetChangeset> ListChangesetsAsync(string? sortBy = null, int? limit = null, CancellationToken cancellationToken = default)
    {
        if (sortBy is not (null or "created" or "modified"))
        {
            throw new ArgumentOutOfRangeException(nameof(sortBy), sortBy, "Changesets sort by created or modified.");
        }

        return ReadPagesAsync<TilesetChangeset>(TilesetsOperations.ListChangesets, _urls.Changesets(new[] { Query("sortby", sortBy), LimitQuery(limit) }), cancellationToken);
    }

    /// <summary>Deletes a changeset. A changeset job still using it fails.</summary>
    /// <param name="changesetId">The changeset id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes on 204.</returns>
    /// <exception cref="MapboxApiException">The service refused (404: no such changeset) or failed.</exception>
    public virtual Task DeleteChangesetAsync(string changesetId, CancellationToken cancellationToken = default)
    {
        RequireChangesetId(changesetId);
        return SendForNothingAsync(TilesetsOperations.DeleteChangeset, () => new HttpRequestMessage(HttpMethod.Delete, _urls.Changeset(changesetId)), cancellationToken);
    }

    /// <summary>
    /// Starts a job that applies one changeset per layer to a tileset published with <c>"incremental": true</c>.
    /// Paced with <see cref="PublishAsync"/> (2 per minute per account). The recipe must be unchanged since the last
    /// initial or reset publish.
    /// </summary>
    /// <param name="tileset">The tileset.</param>
    /// <param name="changesetByLayer">Recipe layer name to changeset id (of this account); at least one.</param>
    /// <param name="cancellationToken">Cancels the call, including its wait for a turn.</param>
    /// <returns>The job's id; wait for it as for a publish.</returns>
    /// <exception cref="ArgumentException">No layer, an empty layer name, or a changeset id that breaks the rule.</exception>
    /// <exception cref="MapboxApiException">The service refused (<see cref="MapboxApiException.ChangesetRefusal"/> says why) or failed.</exception>
    public virtual Task<PublishedJob> PublishChangesetsAsync(TilesetId tileset, IReadOnlyDictionary<string, string> changesetByLayer, CancellationToken cancellationToken = default)
    {
        if (changesetByLayer is null || changesetByLayer.Count == 0)
        {
            throw new ArgumentException("At least one layer and its changeset is required.", nameof(changesetByLayer));
        }

        foreach (var layer in changesetByLayer)
        {
            Require(layer.Key, nameof(changesetByLayer), "A layer name");
            RequireChangesetId(layer.Value);
        }

        return SendForJsonAsync<PublishedJob>(
            TilesetsOperations.PublishChangesets,
            () => new HttpRequestMessage(HttpMethod.Post, _urls.Tileset(tileset, "/publish-changesets")) { Content = TilesetsJson.PublishChangesets(Username, changesetByLayer) },
            cancellationToken);
    }

    private static void RequireChangesetId(string changesetId)
    {
        if (ChangesetIds.Check(changesetId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(changesetId));
        }
    }
}
