namespace Mapbox.Uploads.Build;

/// <summary>Where an item ended; the <c>Status</c> metadata of the task's outputs.</summary>
internal enum UploadStatus
{
    /// <summary>Not yet decided.</summary>
    Pending,

    /// <summary>Unchanged since an upload that succeeded: no request was sent.</summary>
    Skipped,

    /// <summary>Dry run: checked locally, nothing sent.</summary>
    Validated,

    /// <summary>Staged and created; not waited for (MapboxUploadWait=false).</summary>
    Created,

    /// <summary>Processed by Mapbox without error.</summary>
    Succeeded,

    /// <summary>Refused, failed, timed out or cancelled.</summary>
    Failed,
}
