using System;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Build;

/// <summary>What a stamp records of a data file's content: its SHA-256 and what the file system said of it.</summary>
/// <param name="Sha256">SHA-256 of every byte, lower-case hex, from the one read that also checked the file.</param>
/// <param name="Length">The length of the file's content (links resolved).</param>
/// <param name="LastWriteUtc">The last-write time of the file's content (links resolved).</param>
/// <param name="ContentPath">Where the content lives: the final target of a link, else the file; null when unknown.</param>
internal sealed record ContentFingerprint(string Sha256, long Length, DateTime LastWriteUtc, string? ContentPath)
{
    /// <summary>The check in this build that read the content, which staging compares what it sends with; null when read from a stamp.</summary>
    public FileValidationResult? CheckedFile { get; init; }

    /// <summary>
    /// The fingerprint of content hashed in one read, with the file system's facts (<see cref="FileFacts"/>) taken
    /// before that read, so a write during it leaves a newer time than the one recorded; when the facts cannot be
    /// trusted, the length read stands in and no time is recorded.
    /// </summary>
    public static ContentFingerprint Of(string sha256, (long Length, DateTime LastWriteUtc, string ContentPath)? factsBeforeRead, long lengthRead) =>
        factsBeforeRead is { } known
            ? new ContentFingerprint(sha256, known.Length, known.LastWriteUtc, known.ContentPath)
            : new ContentFingerprint(sha256, lengthRead, default, null);
}
