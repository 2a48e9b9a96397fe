using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Build;

/// <summary>
/// The code for each kind of file problem the client's validator finds. Free of MSBuild types, so the terminal
/// tool (src/Mapbox.Uploads.Tool) compiles this file, <see cref="ErrorCodes"/> and <see cref="FailureCodes"/>
/// in as they are and reports the same codes as the task.
/// </summary>
internal static class FileProblemCodes
{
    public static ErrorCode Of(FileProblemKind kind) => kind switch
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
