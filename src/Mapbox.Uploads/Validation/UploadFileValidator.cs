using System;
using System.Globalization;
using System.IO;
using System.Threading;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// Pre-flight validation: checks a file before any request, so a broken file fails in seconds with its line
/// and column instead of after staging it and waiting for Mapbox to process it. Reads are streaming and use
/// bounded memory whatever the file's size.
/// </summary>
public static class UploadFileValidator
{
    /// <summary>Validates a file: existence, extension, size and content.</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The file type and the first problem found, if any.</returns>
    public static FileValidationResult Validate(string path) => Validate(path, null, CancellationToken.None);

    /// <summary>Validates a file: existence, extension, size and, unless turned off, content.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">What to check; null for everything.</param>
    /// <param name="cancellationToken">Stops reading a large file.</param>
    /// <returns>The file type and the first problem found, if any.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static FileValidationResult Validate(string path, UploadFileValidationOptions? options, CancellationToken cancellationToken = default)
    {
        if (path is null)
        {
            throw new ArgumentNullException(nameof(path));
        }

        if (path.Trim().Length == 0)
        {
            throw new ArgumentException("The path is empty.", nameof(path));
        }

        var typeInfo = UploadFileTypes.FindByPath(path);
        var fileType = typeInfo?.Type;
        if (Directory.Exists(path))
        {
            return Fail(fileType, FileProblemKind.IsDirectory,
                "This path is a directory, not a file. Name the file to upload; a Shapefile must be zipped into one .zip with its .shx, .dbf and .prj.");
        }

        if (!File.Exists(path))
        {
            return Fail(fileType, FileProblemKind.Missing,
                "No file exists at this path. Check the spelling and that the step producing the file runs before the upload.");
        }

        if (typeInfo is null)
        {
            return Fail(null, FileProblemKind.UnsupportedExtension, UnsupportedExtensionMessage(Path.GetExtension(path)));
        }

        // Open before measuring: a path that exists but cannot be opened (no permission, a socket, a device) is
        // unreadable, and would otherwise pass as an empty file because such paths report a length of 0.
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException && IsLink(path))
        {
            return Fail(typeInfo.Type, FileProblemKind.Missing,
                "This path is a link whose target does not exist. Point the link at the file to upload, or create its target first.");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Unreadable(typeInfo.Type, exception);
        }

        using (stream)
        {
            return ValidateOpened(typeInfo, stream, options, cancellationToken);
        }
    }

    /// <summary>Validates a file and throws when it has a problem.</summary>
    /// <param name="path">The file's path.</param>
    /// <param name="options">What to check; null for everything.</param>
    /// <param name="cancellationToken">Stops reading a large file.</param>
    /// <returns>The file's type.</returns>
    /// <exception cref="UploadFileValidationException">The file has a problem.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was canceled.</exception>
    public static UploadFileType EnsureValid(string path, UploadFileValidationOptions? options = null, CancellationToken cancellationToken = default) =>
        Check(path, options, cancellationToken).FileType!.Value;

    /// <summary>The result of a file that passed, with its length and hash; throws when it has a problem.</summary>
    internal static FileValidationResult Check(string path, UploadFileValidationOptions? options, CancellationToken cancellationToken)
    {
        var result = Validate(path, options, cancellationToken);
        if (result.Problem is FileProblem problem)
        {
            throw new UploadFileValidationException(path, problem);
        }

        return result;
    }

    private static FileValidationResult ValidateOpened(UploadFileTypeInfo typeInfo, FileStream stream, UploadFileValidationOptions? options, CancellationToken cancellationToken)
    {
        try
        {
            var length = stream.Length;
            if (length == 0)
            {
                return Fail(typeInfo.Type, FileProblemKind.Empty,
                    "The file is empty. Check that the step producing it succeeded.");
            }

            if (typeInfo.LimitAppliesToFile && length > typeInfo.MaxBytes)
            {
                return Fail(typeInfo.Type, FileProblemKind.TooLarge, SizeLimits.TooLargeMessage(typeInfo, length));
            }

            using var hashing = options is { ComputeSha256: true } ? new HashingReadStream(stream, options.Progress, tagBlocks: true) : null;
            long? geometryCount = null;
            var problem = options is { CheckContent: false } ? null : ValidateContent(typeInfo, (Stream?)hashing ?? stream, cancellationToken, out geometryCount);
            if (problem is not null)
            {
                return FileValidationResult.Invalid(typeInfo.Type, problem);
            }

            return FileValidationResult.Valid(typeInfo.Type, length, hashing?.Finish(cancellationToken), geometryCount).WithTags(hashing?.Tags);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Unreadable(typeInfo.Type, exception);
        }
    }

    private static FileProblem? ValidateContent(UploadFileTypeInfo typeInfo, Stream stream, CancellationToken cancellationToken, out long? geometryCount)
    {
        geometryCount = null;
        var prefix = ContentSniffer.ReadPrefix(stream);
        if ((typeInfo.Type is UploadFileType.GeoJson or UploadFileType.Csv) && ContentSniffer.IsUtf16(prefix))
        {
            return new FileProblem(typeInfo.Type == UploadFileType.Csv ? FileProblemKind.InvalidCsv : FileProblemKind.InvalidGeoJson,
                "The file is saved as UTF-16 text, which Mapbox cannot read. Save it as UTF-8 (in most editors: Save As, Encoding UTF-8).");
        }

        var signature = ContentSniffer.Sniff(prefix);
        var expected = ExpectedSignature(typeInfo.Type);
        if (signature != expected && signature != ContentSignature.Unknown)
        {
            return new FileProblem(FileProblemKind.ContentMismatch, string.Format(
                CultureInfo.InvariantCulture,
                "The file is named as {0} but its content is {1}. {2}",
                typeInfo.Name, ContentSniffer.Describe(signature), ContentSniffer.Advice(signature)));
        }

        stream.Position = 0;
        if (typeInfo.Type == UploadFileType.GeoJson)
        {
            var geoJsonProblem = GeoJsonValidator.Validate(stream, cancellationToken, out var content);
            geometryCount = content.GeometryCount;
            return geoJsonProblem;
        }

        return typeInfo.Type switch
        {
            UploadFileType.Csv => CsvValidator.Validate(stream, cancellationToken),
            UploadFileType.Kml => XmlLayerValidator.ValidateKml(stream, cancellationToken),
            UploadFileType.Gpx => XmlLayerValidator.ValidateGpx(stream, cancellationToken),
            UploadFileType.Shapefile => ShapefileZipValidator.Validate(stream, typeInfo, cancellationToken),
            UploadFileType.MBTiles => MBTilesValidator.Validate(stream),
            UploadFileType.GeoTiff => GeoTiffValidator.Validate(stream),
            _ => null,
        };
    }

    private static ContentSignature ExpectedSignature(UploadFileType type) => type switch
    {
        UploadFileType.GeoJson => ContentSignature.Json,
        UploadFileType.Kml or UploadFileType.Gpx => ContentSignature.Xml,
        UploadFileType.Shapefile => ContentSignature.Zip,
        UploadFileType.MBTiles => ContentSignature.SQLite,
        UploadFileType.GeoTiff => ContentSignature.Tiff,
        _ => ContentSignature.Unknown,
    };

    private static string UnsupportedExtensionMessage(string extension)
    {
        var accepted = string.Join(", ", UploadFileTypes.SupportedExtensions);
        var shown = extension.Length == 0 ? "files without an extension" : "'" + extension + "' files";
        var hint = extension.ToLowerInvariant() switch
        {
            ".shp" or ".shx" or ".dbf" or ".prj" => " Zip the .shp with its .shx, .dbf and .prj into one .zip and upload that.",
            ".kmz" => " Unzip the KMZ and upload the .kml inside.",
            ".gz" => " Decompress it and upload the file inside.",
            _ => string.Empty,
        };
        return "Mapbox does not accept " + shown + ". Upload one of " + accepted + "." + hint;
    }

    private static FileValidationResult Fail(UploadFileType? type, FileProblemKind kind, string message) =>
        FileValidationResult.Invalid(type, new FileProblem(kind, message));

    private static FileValidationResult Unreadable(UploadFileType type, Exception exception) =>
        Fail(type, FileProblemKind.Unreadable,
            "The file could not be opened or read: " + exception.Message + " Check that it is a regular file that this user may read and that no other program holds it open.");

    private static bool IsLink(string path) => (File.GetAttributes(path) & FileAttributes.ReparsePoint) != 0;
}
