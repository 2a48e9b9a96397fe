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
}
