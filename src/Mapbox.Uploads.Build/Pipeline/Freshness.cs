using System;
using System.Collections.Generic;
using System.Linq;

namespace Mapbox.Uploads.Build;

/// <summary>What the up-to-date decision concluded for an item.</summary>
internal enum Verdict
{
    /// <summary>Send it.</summary>
    Publish,

    /// <summary>Its stamp proves it is on the service as it is now.</summary>
    UpToDate,

    /// <summary>Its stamp records a publication created but not waited for: one status read decides.</summary>
    AskService,
}

/// <summary>The decision and, for the log, why; <paramref name="Why"/> is why it is processed, for the estimate (null when it is not).</summary>
internal sealed record Decision(Verdict Verdict, string Reason, string? UploadId, ProcessingReason? Why = null);

/// <summary>The up-to-date decision, shared by every pipeline: a skip only when every input and the content are unchanged.</summary>
internal static class Freshness
{
    public static Decision Decide(Stamp? stamp, ItemInputs inputs, ContentFingerprint content)
    {
        if (stamp is null)
        {
            return new Decision(Verdict.Publish, "has no record of an earlier upload", null, ProcessingReason.New);
        }

        var record = stamp.Record;
        var changed = inputs.DifferencesFrom(record.Inputs).ToList();
        if (changed.Count > 0)
        {
            var why = changed.Any(ItemInputs.Whereabouts.Contains) ? ProcessingReason.Reset : ProcessingReason.Changed;
            return new Decision(Verdict.Publish, $"changed {string.Join(", ", changed)} since upload {record.UploadId}", null, why);
        }

        if (!string.Equals(record.ContentHash, content.Sha256, StringComparison.Ordinal))
        {
            return new Decision(Verdict.Publish, $"changed content since upload {record.UploadId}", null, ProcessingReason.Changed);
        }

        return record.Status switch
        {
            ItemStatus.Succeeded or ItemStatus.Skipped => new Decision(Verdict.UpToDate, $"is unchanged since upload {record.UploadId}", record.UploadId),
            ItemStatus.Created when record.UploadId is not null => new Decision(Verdict.AskService, $"is unchanged since upload {record.UploadId}, which was not waited for", record.UploadId),
            _ => new Decision(Verdict.Publish, $"is unchanged, but upload {record.UploadId} ended {record.Status}", null, ProcessingReason.Reset),
        };
    }

    /// <summary>
    /// The fast path: true when the stamp alone proves the item up to date, without reading the file (its length and
    /// last-write time match and it is older than its stamp by more than the timestamp granularity).
    /// </summary>
    public static bool ProvenWithoutReading(Stamp? stamp, ItemInputs inputs, string fullPath) =>
        stamp is not null
        && stamp.Record.Status is ItemStatus.Succeeded or ItemStatus.Skipped
        && !inputs.DifferencesFrom(stamp.Record.Inputs).Any()
        && stamp.ProvesUnchanged(FileFacts.Of(fullPath));
}

/// <summary>How a tileset whose recipe has <c>"incremental": true</c> is published.</summary>
internal enum PublishKind
{
    /// <summary>Its first publish: the whole source is tiled, and the service answers "initial".</summary>
    Initial,

    /// <summary>A full publish of a tileset published before: the service re-tiles everything and answers "reset".</summary>
    Reset,

    /// <summary>Only the changed features are sent, as one changeset per changed source, with publish-changesets.</summary>
    Changeset,
}

/// <summary>What one source read by an incremental recipe holds against its last published state.</summary>
/// <param name="SourceId">The source.</param>
/// <param name="HasIndex">Every file of the source has the feature index of its last published state.</param>
/// <param name="Counts">What changed since that state; null when the source's features are those of its index.</param>
internal sealed record SourceFeatureChange(string SourceId, bool HasIndex, Changesets.ChangesetCounts? Counts)
{
    /// <summary>Whether the source holds features other than those last published.</summary>
    public bool Changed => !HasIndex || Counts is { IsEmpty: false };
}

/// <summary>The incremental decision and, for the log, the summary and the manifest, why.</summary>
internal sealed record IncrementalDecision(PublishKind Kind, string Reason);

/// <summary>The incremental decision, beside the up-to-date decision: taken before anything is sent, tested without a service.</summary>
internal static class IncrementalFreshness
{
    /// <summary>
    /// Decides how a recipe with <c>"incremental": true</c> that is to be published goes up: initial without a record of
    /// an earlier publish; reset when forced, when the recipe changed (the service refuses changesets then), when a
    /// changed source has no feature index (a fresh clone, obj/ cleaned) or when a source changed more than
    /// <paramref name="maxChangePercent"/> of its features; otherwise a changeset.
    /// </summary>
    public static IncrementalDecision Decide(bool publishedBefore, bool recipeChanged, bool force, IReadOnlyList<SourceFeatureChange> sources, int maxChangePercent)
    {
        if (!publishedBefore)
        {
            return new IncrementalDecision(PublishKind.Initial, "no record of an earlier publish");
        }

        if (force)
        {
            return new IncrementalDecision(PublishKind.Reset, "MapboxUploadForce=true");
        }

        if (recipeChanged)
        {
            return new IncrementalDecision(PublishKind.Reset, "its recipe changed since the last publish, and a changeset needs the recipe of the last initial or reset publish");
        }

        if (sources.FirstOrDefault(source => !source.HasIndex) is { } unindexed)
        {
            return new IncrementalDecision(PublishKind.Reset, $"source '{unindexed.SourceId}' has no feature index of its last publish (a fresh clone, the stamp folder cleaned, or a file of it renamed or added)");
        }

        if (sources.FirstOrDefault(source => source.Counts is { } counts && counts.ChangePercent > maxChangePercent) is { Counts: { } large } big)
        {
            return new IncrementalDecision(PublishKind.Reset, string.Format(
                System.Globalization.CultureInfo.InvariantCulture,
                "source '{0}' changed {1:0.#}% of its features ({2}), more than MapboxIncrementalMaxChangePercent={3}",
                big.SourceId,
                large.ChangePercent,
                large,
                maxChangePercent));
        }

        return new IncrementalDecision(PublishKind.Changeset, string.Join(", ", sources.Where(source => source.Changed).Select(source => $"source '{source.SourceId}' {source.Counts}")));
    }
}
