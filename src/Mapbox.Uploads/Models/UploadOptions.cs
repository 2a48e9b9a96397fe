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

    /// <summary>Checks the file locally before anything is sent (default true).</summary>
    public bool Validate { get; set; } = true;

    /// <summary>
    /// The SHA-256 (lowercase hex) of the content the caller checked, for example
    /// <see cref="Validation.FileValidationResult.ContentSha256"/>. When set, the bytes streamed to S3 are hashed as
    /// they are sent and compared before the create request; a difference throws <see cref="FileChangedException"/>.
    /// </summary>
    public string? ExpectedSha256 { get; set; }
}
