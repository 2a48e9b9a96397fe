using System;
using System.Collections.Generic;
using System.Linq;

namespace Mapbox.Uploads.Build;

/// <summary>
/// The one record of an item's publication: its stamp under the stamp folder and its entry in the run's manifest are
/// this, serialised by <see cref="RecordJson"/>. It holds everything that decides the publication (tileset, account,
/// service address, the request's parameters, the content) and what came of it.
/// </summary>
/// <param name="File">The data file, absolute.</param>
/// <param name="Tileset">The tileset, <c>owner.id</c>.</param>
/// <param name="Account">The token's account.</param>
/// <param name="ApiUrl">The service's address, redacted.</param>
/// <param name="Parameters">The request's own parameters (e.g. name, patch, bypassValidation), only those that are set.</param>
/// <param name="ContentHash">SHA-256 of the content, lower-case hex; null when the file was not read.</param>
/// <param name="Length">The content's length in bytes.</param>
/// <param name="LastWriteUtc">The content's last-write time.</param>
/// <param name="ContentPath">Where the content lives: a link's final target, else the file.</param>
/// <param name="UploadId">The service's id of the publication, once created.</param>
/// <param name="Status">How the item ended in the run that wrote the record.</param>
/// <param name="ErrorCode">The code of the failure that stopped the item, if any.</param>
/// <param name="Job">The Tiling Service job that published the item (id, stage, figures), for a recipe.</param>
/// <param name="ProcessedBytes">The bytes Mapbox processed for the item in the run that wrote the record, when it did.</param>
/// <param name="ComputeUnits">The compute units Mapbox reported for it in that run, when it did.</param>
internal sealed record ItemRecord(
    string File,
    string Tileset,
    string Account,
    string ApiUrl,
    IReadOnlyDictionary<string, string> Parameters,
    string? ContentHash,
    long Length,
    DateTime LastWriteUtc,
    string? ContentPath,
    string? UploadId,
    ItemStatus Status,
    string? ErrorCode,
    JobFigures? Job = null,
    long? ProcessedBytes = null,
    double? ComputeUnits = null)
{
    /// <summary>The record of an item's outcome.</summary>
    public static ItemRecord Of(ItemOutcome outcome)
    {
        var inputs = outcome.Item.Inputs;
        var content = outcome.Content;
        return new ItemRecord(
            outcome.Item.Ref.FullPath,
            inputs.Tileset,
            inputs.Account,
            inputs.ApiUrl,
            inputs.Parameters,
            content?.Sha256,
            content?.Length ?? 0,
            content?.LastWriteUtc ?? default,
            content?.ContentPath,
            outcome.UploadId,
            outcome.Status,
            outcome.Failure?.Code.Code,
            outcome.Job,
            outcome.Processed?.Bytes,
            outcome.Processed?.ComputeUnits);
    }

    /// <summary>For the manifest's readers: true when no request was needed.</summary>
    public bool Skipped => Status == ItemStatus.Skipped;

    /// <summary>The inputs this record was made for, to compare with an item's now.</summary>
    public ItemInputs Inputs => new(Tileset, Account, ApiUrl, Parameters);

    /// <summary>The content part, when the record has one.</summary>
    public ContentFingerprint? Content => ContentHash is null ? null : new ContentFingerprint(ContentHash, Length, LastWriteUtc, ContentPath);
}

/// <summary>Everything but the content that decides a publication: a stamp covers an item only when these are equal.</summary>
internal sealed record ItemInputs(string Tileset, string Account, string ApiUrl, IReadOnlyDictionary<string, string> Parameters)
{
    /// <summary>The names <see cref="DifferencesFrom"/> gives the tileset, the account and the service.</summary>
    public const string TilesetName = "tileset", AccountName = "account", ApiUrlName = "MapboxApiUrl";

    /// <summary>The inputs that say where the data lives: a stamp that differs in one of them describes another tileset.</summary>
    public static readonly string[] Whereabouts = [TilesetName, AccountName, ApiUrlName];

    /// <summary>The names of the inputs that differ, for the log.</summary>
    public IEnumerable<string> DifferencesFrom(ItemInputs other)
    {
        if (!string.Equals(Tileset, other.Tileset, StringComparison.Ordinal))
        {
            yield return TilesetName;
        }

        if (!string.Equals(Account, other.Account, StringComparison.Ordinal))
        {
            yield return AccountName;
        }

        if (!string.Equals(ApiUrl, other.ApiUrl, StringComparison.Ordinal))
        {
            yield return ApiUrlName;
        }

        foreach (var name in Parameters.Keys.Union(other.Parameters.Keys).OrderBy(name => name, StringComparer.Ordinal))
        {
            Parameters.TryGetValue(name, out var mine);
            other.Parameters.TryGetValue(name, out var theirs);
            if (!string.Equals(mine, theirs, StringComparison.Ordinal))
            {
                yield return name;
            }
        }
    }
}
