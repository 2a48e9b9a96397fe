using System;
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
