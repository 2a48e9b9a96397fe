using System;

namespace Mapbox.Uploads.Build;

/// <summary>What a stamp records of a data file's content: its SHA-256 and what the file system said of it.</summary>
/// <param name="Sha256">SHA-256 of every byte, lower-case hex, from the one read that also checked the file.</param>
/// <param name="Length">The length of the file's content (links resolved).</param>
/// <param name="LastWriteUtc">The last-write time of the file's content (links resolved).</param>
internal sealed record ContentFingerprint(string Sha256, long Length, DateTime LastWriteUtc);
