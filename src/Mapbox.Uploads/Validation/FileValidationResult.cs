using System;

namespace Mapbox.Uploads.Validation;

/// <summary>The outcome of <see cref="UploadFileValidator.Validate(string)"/>.</summary>
public sealed class FileValidationResult
{
    private FileValidationResult(UploadFileType? fileType, FileProblem? problem, long length = 0, string? contentSha256 = null, long? geometryCount = null)
    {
        GeometryCount = geometryCount;
        FileType = fileType;
        Problem = problem;
        Length = length;
        ContentSha256 = contentSha256;
    }

    /// <summary>Whether the file passed every check.</summary>
    public bool IsValid => Problem is null;

    /// <summary>The file type, from the extension; null when the extension is not one Mapbox accepts.</summary>
    public UploadFileType? FileType { get; }

    /// <summary>The first problem found, or null when the file is valid.</summary>
    public FileProblem? Problem { get; }

    /// <summary>The file's length in bytes, as read through the opened file (links resolved); 0 when it was not opened.</summary>
    public long Length { get; }

    /// <summary>
    /// The SHA-256 (lowercase hex) of every byte of the file, when <see cref="UploadFileValidationOptions.ComputeSha256"/>
    /// asked for it and the file is valid; otherwise null.
    /// </summary>
    public string? ContentSha256 { get; }

    /// <summary>
    /// For a GeoJSON whose content was checked: how many geometries it holds (null geometries not counted). 0 means
    /// the file would replace a tileset with nothing. Null for other types, or when the content was not checked.
    /// </summary>
    public long? GeometryCount { get; }

    /// <summary>The block tags of the bytes hashed for <see cref="ContentSha256"/>, for staging in this process to compare with.</summary>
    internal ContentTags? Tags { get; private set; }

    /// <summary>A passing result.</summary>
    /// <param name="fileType">The file's type.</param>
    public static FileValidationResult Valid(UploadFileType fileType) => new(fileType, null);

    /// <summary>A passing result with what was measured of the file.</summary>
    /// <param name="fileType">The file's type.</param>
    /// <param name="length">The file's length in bytes.</param>
    /// <param name="contentSha256">The SHA-256 of the content (lowercase hex), when computed.</param>
    public static FileValidationResult Valid(UploadFileType fileType, long length, string? contentSha256) => new(fileType, null, length, contentSha256);

    /// <summary>A passing result with what was measured of the file, and the geometries a GeoJSON holds.</summary>
    /// <param name="fileType">The file's type.</param>
    /// <param name="length">The file's length in bytes.</param>
    /// <param name="contentSha256">The SHA-256 of the content (lowercase hex), when computed.</param>
    /// <param name="geometryCount">The geometries counted, for a checked GeoJSON.</param>
    public static FileValidationResult Valid(UploadFileType fileType, long length, string? contentSha256, long? geometryCount) =>
        new(fileType, null, length, contentSha256, geometryCount);

    internal FileValidationResult WithTags(ContentTags? tags)
    {
        Tags = tags;
        return this;
    }

    /// <summary>A failing result.</summary>
    /// <param name="fileType">The file's type, when known.</param>
    /// <param name="problem">The first problem found.</param>
    public static FileValidationResult Invalid(UploadFileType? fileType, FileProblem problem) =>
        new(fileType, problem ?? throw new ArgumentNullException(nameof(problem)));
}
