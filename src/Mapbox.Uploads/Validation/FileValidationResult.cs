using System;

namespace Mapbox.Uploads.Validation;

/// <summary>The outcome of <see cref="UploadFileValidator.Validate(string)"/>.</summary>
public sealed class FileValidationResult
{
    private FileValidationResult(UploadFileType? fileType, FileProblem? problem)
    {
        FileType = fileType;
        Problem = problem;
    }

    /// <summary>Whether the file passed every check.</summary>
    public bool IsValid => Problem is null;

    /// <summary>The file type, from the extension; null when the extension is not one Mapbox accepts.</summary>
    public UploadFileType? FileType { get; }

    /// <summary>The first problem found, or null when the file is valid.</summary>
    public FileProblem? Problem { get; }

    /// <summary>A passing result.</summary>
    /// <param name="fileType">The file's type.</param>
    public static FileValidationResult Valid(UploadFileType fileType) => new(fileType, null);

    /// <summary>A failing result.</summary>
    /// <param name="fileType">The file's type, when known.</param>
    /// <param name="problem">The first problem found.</param>
    public static FileValidationResult Invalid(UploadFileType? fileType, FileProblem problem) =>
        new(fileType, problem ?? throw new ArgumentNullException(nameof(problem)));
}
