using System;
using System.Threading;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Build;

/// <summary>
/// The local checks of a data file, shared by every pipeline: one read that validates and hashes, so what is staged
/// later can be compared with exactly what was checked. Also the code for each kind of file problem.
/// </summary>
internal static class FileChecks
{
    /// <summary>
    /// Checks the item's file; with <paramref name="validate"/> false only what Mapbox would refuse outright
    /// (existence, size, extension) and not the content, which is still hashed.
    /// </summary>
    /// <returns>The content as checked, or the failure.</returns>
    public static (ContentFingerprint? Content, ItemFailure? Failure) Check(ItemRef item, bool validate, BuildLog log, CancellationToken cancellationToken)
    {
        var facts = FileFacts.Of(item.FullPath);
        FileValidationResult result;
        try
        {
            result = UploadFileValidator.Validate(item.FullPath, new UploadFileValidationOptions { CheckContent = validate, ComputeSha256 = true }, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException)
        {
            var (code, detail) = FailureCodes.Classify(e, cancellationToken);
            return (null, new ItemFailure(code, $"Checking {item.Spec} (tileset {item.Tileset}) stopped: {detail}"));
        }

        if (result.Problem is { } problem)
        {
            return (null, new ItemFailure(CodeOf(problem.Kind), $"{item.Spec} (tileset {item.Tileset}): {problem.Message}", problem.Line ?? 0, problem.Column ?? 0));
        }

        log.Low($"{item.Spec}: {result.FileType} file, checks passed{(validate ? string.Empty : " (content not validated: Validate=false)")}.");
        var (length, lastWrite) = facts ?? (result.Length, default);
        return (new ContentFingerprint(result.ContentSha256!, length, lastWrite), null);
    }

    public static ErrorCode CodeOf(FileProblemKind kind) => kind switch
    {
        FileProblemKind.Missing => ErrorCodes.FileMissing,
        FileProblemKind.IsDirectory => ErrorCodes.FileIsDirectory,
        FileProblemKind.Empty => ErrorCodes.FileEmpty,
        FileProblemKind.Unreadable => ErrorCodes.FileUnreadable,
        FileProblemKind.UnsupportedExtension => ErrorCodes.UnsupportedExtension,
        FileProblemKind.TooLarge => ErrorCodes.FileTooLarge,
        FileProblemKind.ContentMismatch => ErrorCodes.ContentMismatch,
        FileProblemKind.InvalidGeoJson => ErrorCodes.InvalidGeoJson,
        FileProblemKind.InvalidCsv => ErrorCodes.InvalidCsv,
        FileProblemKind.InvalidShapefile => ErrorCodes.InvalidShapefile,
        FileProblemKind.InvalidKml => ErrorCodes.InvalidKml,
        FileProblemKind.InvalidGpx => ErrorCodes.InvalidGpx,
        FileProblemKind.InvalidMBTiles => ErrorCodes.InvalidMBTiles,
        FileProblemKind.InvalidGeoTiff => ErrorCodes.InvalidGeoTiff,
        _ => ErrorCodes.Unexpected,
    };
}
