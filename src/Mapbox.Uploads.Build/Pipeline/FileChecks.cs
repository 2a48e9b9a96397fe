using System;
using System.Threading;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Build;

/// <summary>
/// The local checks of a data file, shared by every pipeline: one read that validates and hashes, so what is staged
/// later can be compared with exactly what was checked. Each kind of file problem gets its code from <see cref="FileProblemCodes"/>.
/// </summary>
internal static class FileChecks
{
    /// <summary>
    /// Checks the item's file; with <paramref name="validate"/> false only what Mapbox would refuse outright
    /// (existence, size, extension) and not the content, which is still hashed.
    /// </summary>
    /// <param name="item">The item.</param>
    /// <param name="validate">Whether to read the content for its format (the item's <c>Validate</c>).</param>
    /// <param name="allowEmpty">Whether data without a geometry is meant (the item's <c>AllowEmpty</c>); otherwise it warns.</param>
    /// <param name="log">Where the passing line and the warning go.</param>
    /// <param name="cancellationToken">Stops the read of a large file.</param>
    /// <returns>The content as checked, or the failure.</returns>
    public static (ContentFingerprint? Content, ItemFailure? Failure) Check(ItemRef item, bool validate, bool allowEmpty, BuildLog log, CancellationToken cancellationToken)
    {
        var facts = FileFacts.Of(item.FullPath);
        var progress = facts is { Length: >= CheckingProgressLog.Noticeable } large ? new CheckingProgressLog(item, large.Length, log) : null;
        FileValidationResult result;
        try
        {
            var options = new UploadFileValidationOptions { CheckContent = validate, ComputeSha256 = true, Progress = progress };
            result = UploadFileValidator.Validate(item.FullPath, options, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException)
        {
            var (code, detail) = FailureCodes.Classify(e, cancellationToken);
            return (null, new ItemFailure(code, $"Checking {item.Spec} (tileset {item.Tileset}) stopped: {detail}"));
        }

        if (result.Problem is { } problem)
        {
            return (null, new ItemFailure(FileProblemCodes.Of(problem.Kind), $"{item.Spec} (tileset {item.Tileset}): {problem.Message}", problem.Line ?? 0, problem.Column ?? 0));
        }

        if (result.GeometryCount == 0 && !allowEmpty)
        {
            log.Warning(ErrorCodes.EmptyData,
                $"{item.Spec} holds no feature with a geometry: uploading it would replace tileset {item.Tileset} with nothing", item.FullPath);
        }

        log.Low($"{item.Spec}: {result.FileType} file, checks passed{(validate ? string.Empty : " (content not validated: Validate=false)")}.");
        return (ContentFingerprint.Of(result.ContentSha256!, facts, result.Length) with { CheckedFile = result }, null);
    }
}
