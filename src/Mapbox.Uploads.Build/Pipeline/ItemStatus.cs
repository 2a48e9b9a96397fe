namespace Mapbox.Uploads.Build;

/// <summary>Where an item ended; the <c>Status</c> metadata of the task's outputs, and the status of its record.</summary>
internal enum ItemStatus
{
    /// <summary>Not sent: another item failed its checks, and a build sends nothing until all pass.</summary>
    Pending,

    /// <summary>Unchanged since a publication that succeeded: nothing was sent for it, or one status read.</summary>
    Skipped,

    /// <summary>Dry run: checked locally, nothing sent.</summary>
    Validated,

    /// <summary>Created; still processing on the service, not waited for (MapboxUploadWait=false).</summary>
    Created,

    /// <summary>Processed by Mapbox without error.</summary>
    Succeeded,

    /// <summary>Refused, failed, timed out or cancelled.</summary>
    Failed,
}
