namespace Mapbox.Uploads;

/// <summary>Options of the one-call <see cref="UploadsClient.UploadAsync"/>.</summary>
public sealed class UploadOptions
{
    /// <summary>The display name (at most <see cref="TilesetId.MaxNameLength"/> characters); null sends the id part.</summary>
    public string? Name { get; set; }

    /// <summary>Sent as <c>patch</c> when set.</summary>
    public bool? Patch { get; set; }

    /// <summary>Sent as <c>bypass_mbtiles_validation</c> when set.</summary>
    public bool? BypassValidation { get; set; }

    /// <summary>Checks the file locally before anything is sent (default true); not again when <see cref="CheckedFile"/> is set.</summary>
    public bool Validate { get; set; } = true;

    /// <summary>
    /// The caller's own passing check of this file, made in this process with
    /// <see cref="Validation.UploadFileValidationOptions.ComputeSha256"/> on. The file is not checked again, and staging
    /// proves it sends exactly the bytes that check read by comparing the check's block tags, at about a quarter of the
    /// CPU of hashing the file again with SHA-256; a difference throws <see cref="FileChangedException"/>.
    /// </summary>
    public Validation.FileValidationResult? CheckedFile { get; set; }

    /// <summary>
    /// The SHA-256 (lowercase hex) of the content the caller checked, for example one recorded by another process. When
    /// set, the bytes streamed to S3 are hashed as they are sent and compared before the create request; a difference
    /// throws <see cref="FileChangedException"/>. A check made in this process is better passed as <see cref="CheckedFile"/>.
    /// </summary>
    public string? ExpectedSha256 { get; set; }
}
