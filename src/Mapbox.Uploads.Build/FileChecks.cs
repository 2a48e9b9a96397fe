using System.Threading;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Build;

/// <summary>The local checks of a data file, reported with the code <see cref="FileProblemCodes"/> gives each kind of problem.</summary>
internal static class FileChecks
{
    /// <summary>
    /// Checks the entry's file; with Validate=false only what Mapbox would refuse outright (existence,
    /// size, extension) and not the content.
    /// </summary>
    public static bool Check(TilesetEntry entry, BuildLog log, CancellationToken cancellationToken)
    {
        var options = new UploadFileValidationOptions { CheckContent = entry.Validate };
        var result = UploadFileValidator.Validate(entry.FullPath, options, cancellationToken);
        if (result.Problem is not { } problem)
        {
            log.Low($"{entry.Item.ItemSpec}: {result.FileType} file, checks passed{(entry.Validate ? string.Empty : " (content not validated: Validate=false)")}.");
            return true;
        }

        Report(entry, problem, log);
        return false;
    }

    public static void Report(TilesetEntry entry, FileProblem problem, BuildLog log)
    {
        entry.Status = UploadStatus.Failed;
        var code = FileProblemCodes.Of(problem.Kind);
        entry.ErrorCode = code.Code;
        log.Error(code, $"{entry.Item.ItemSpec} (tileset {entry.Tileset}): {problem.Message}", entry.FullPath, problem.Line ?? 0, problem.Column ?? 0);
    }
}
