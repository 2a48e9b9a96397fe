using System;

namespace Mapbox.Uploads.Validation;

/// <summary>Options for <see cref="UploadFileValidator"/>.</summary>
public sealed class UploadFileValidationOptions
{
    /// <summary>
    /// Whether to read the content (format signature, syntax, structure, coordinates). When false only the
    /// existence, extension, that the file opens, and size are checked, which costs no reading at all. Default true.
    /// </summary>
    public bool CheckContent { get; set; } = true;

    /// <summary>
    /// Whether to compute the SHA-256 of the whole file (<see cref="FileValidationResult.ContentSha256"/>) while it is
    /// checked. Default false.
    /// </summary>
    public bool ComputeSha256 { get; set; }

    /// <summary>
    /// Receives how many bytes of the file have been read front to back so far, so a caller can say why a large file
    /// takes a while. Reported with <see cref="ComputeSha256"/> on (that read covers the whole file), at most once per
    /// <see cref="ProgressStep"/> bytes and once at the end. Default none.
    /// </summary>
    public IProgress<long>? Progress { get; set; }

    /// <summary>The bytes read between two <see cref="Progress"/> reports: 16 MiB.</summary>
    public const long ProgressStep = 16L * 1024 * 1024;
}
