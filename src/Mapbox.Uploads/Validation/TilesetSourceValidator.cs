using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using System.Threading;
using Mapbox.Uploads.Sources;
using Mapbox.Uploads.Validation.Raster;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// The local checks of a tileset source, run before any request: the id, the number and sizes of files, and each
/// file's content (GeoJSON with line and column; line-delimited GeoJSON line by line; GeoTIFF, NetCDF and GRIB
/// structure, <see cref="RasterFileChecker"/>). A source is vector or raster, not both. Reads stream with bounded memory.
/// </summary>
public static class TilesetSourceValidator
{
    private static readonly Regex IdPattern = new("^[A-Za-z0-9_-]{1," + TilesetSourceLimits.MaxIdLength.ToString(CultureInfo.InvariantCulture) + "}$", RegexOptions.CultureInvariant);

    /// <summary>Checks a source id: 1 to 32 of <c>A-Z a-z 0-9 - _</c>.</summary>
    /// <param name="sourceId">The id.</param>
    /// <returns>What is wrong, or null when the id is valid.</returns>
    public static string? CheckSourceId(string? sourceId) =>
        IsResourceId(sourceId)
            ? null
            : $"The tileset source id '{sourceId}' is not 1 to {TilesetSourceLimits.MaxIdLength} of A-Z a-z 0-9 - _.";

    /// <summary>Whether the path names a raster source file (GeoTIFF, NetCDF, GRIB), sent byte for byte for a raster or rasterarray tileset.</summary>
    /// <param name="path">The file's path; only its extension is read.</param>
    /// <returns>True for .tif, .tiff, .nc, .grib and .grib2.</returns>
    public static bool IsRasterFile(string path) => SourceFileFormats.Of(path) is { } format && format.IsRaster();
    /// <summary>The Tiling Service's rule for a source or changeset id: 1 to 32 of <c>A-Z a-z 0-9 - _</c>.</summary>
    internal static bool IsResourceId(string? id) => id is not null && IdPattern.IsMatch(id);

    /// <summary>Checks a whole source; the count of files is checked before any file is opened.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="filePaths">The source's files, in upload order.</param>
    /// <param name="cancellationToken">Stops reading a large file.</param>
    /// <returns>Every problem found (at most one per file); empty when the source may be sent.</returns>
    public static IReadOnlyList<TilesetSourceProblem> Validate(string sourceId, IReadOnlyList<string> filePaths, CancellationToken cancellationToken = default) =>
        Check(sourceId, filePaths, computeSha256: false, cancellationToken).Problems;

    /// <summary>
    /// Checks a whole source and, with <paramref name="computeSha256"/>, hashes each file in the same read that checks
    /// its content (as <see cref="UploadFileValidationOptions.ComputeSha256"/> does for an upload), so what is sent
    /// later can be compared with exactly what was checked.
    /// </summary>
    internal static TilesetSourceCheck Check(string sourceId, IReadOnlyList<string> filePaths, bool computeSha256, CancellationToken cancellationToken)
    {
        if (filePaths is null)
        {
            throw new ArgumentNullException(nameof(filePaths));
        }

        var problems = new List<TilesetSourceProblem>();
        if (CheckSourceId(sourceId) is { } idProblem)
        {
            problems.Add(new TilesetSourceProblem(sourceId, null, idProblem));
        }

        if (filePaths.Count is 0 or > TilesetSourceLimits.MaxFiles)
        {
            problems.Add(new TilesetSourceProblem(sourceId, null, string.Format(
                CultureInfo.InvariantCulture,
                "The source has {0} files; a tileset source holds 1 to {1}. Merge files, or split the data into several sources.",
                filePaths.Count,
                TilesetSourceLimits.MaxFiles)));
            return TilesetSourceCheck.Failed(problems);
        }

        if (MixesVectorAndRaster(filePaths))
        {
            problems.Add(new TilesetSourceProblem(sourceId, null,
                "The source mixes GeoJSON and raster (GeoTIFF, NetCDF, GRIB) files; a source feeds either a vector or a raster tileset. Put them in two sources."));
        }

        long total = 0;
        foreach (var path in filePaths)
        {
            var (problem, length) = CheckFile(sourceId, path);
            total += length;
            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        if (total > TilesetSourceLimits.MaxSourceBytes)
        {
            problems.Add(new TilesetSourceProblem(sourceId, null, string.Format(
                CultureInfo.InvariantCulture,
                "The source's files hold {0} bytes together; a tileset source holds at most 50 GB ({1} bytes). Split the data into several sources.",
                total,
                TilesetSourceLimits.MaxSourceBytes)));
        }

        if (problems.Count > 0)
        {
            return TilesetSourceCheck.Failed(problems);
        }

        var files = new List<TilesetSourceFile>(filePaths.Count);
        foreach (var path in filePaths)
        {
            var (problem, file) = CheckContent(sourceId, path, computeSha256, cancellationToken);
            if (problem is not null)
            {
                problems.Add(problem);
            }
            else
            {
                files.Add(file!);
            }
        }

        return problems.Count > 0 ? TilesetSourceCheck.Failed(problems) : new TilesetSourceCheck(problems, files);
    }

    /// <summary>Checks a source and throws when it has a problem.</summary>
    /// <param name="sourceId">The source id.</param>
    /// <param name="filePaths">The source's files.</param>
    /// <param name="cancellationToken">Stops reading a large file.</param>
    /// <exception cref="TilesetSourceValidationException">The source has at least one problem.</exception>
    public static void EnsureValid(string sourceId, IReadOnlyList<string> filePaths, CancellationToken cancellationToken = default) =>
        EnsureChecked(sourceId, filePaths, computeSha256: false, cancellationToken);

    /// <summary>Checks a source (<see cref="Check"/>) and throws when it has a problem; returns each file as checked.</summary>
    internal static IReadOnlyList<TilesetSourceFile> EnsureChecked(string sourceId, IReadOnlyList<string> filePaths, bool computeSha256, CancellationToken cancellationToken)
    {
        var check = Check(sourceId, filePaths, computeSha256, cancellationToken);
        if (check.Problems.Count > 0)
        {
            throw new TilesetSourceValidationException(check.Problems);
        }

        return check.Files;
    }

    private static (TilesetSourceProblem? Problem, long Length) CheckFile(string sourceId, string path)
    {
        if (SourceFileFormats.Of(path) is null)
        {
            return (new TilesetSourceProblem(sourceId, path, SourceFileFormats.UnsupportedMessage(path)), 0);
        }

        if (!File.Exists(path))
        {
            return (new TilesetSourceProblem(sourceId, path, "No file exists at this path. Check the spelling and that the step producing the file runs before the build publishes."), 0);
        }

        var length = new FileInfo(path).Length;
        if (length == 0)
        {
            return (new TilesetSourceProblem(sourceId, path, "The file is empty. Check that the step producing it succeeded."), 0);
        }

        if (length > TilesetSourceLimits.MaxFileBytes)
        {
            return (new TilesetSourceProblem(sourceId, path, string.Format(
                CultureInfo.InvariantCulture,
                "The file is {0} bytes; a tileset source file may be at most 20 GB ({1} bytes). Split it into several files of the source.",
                length,
                TilesetSourceLimits.MaxFileBytes)), length);
        }

        return (null, length);
    }

    private static (TilesetSourceProblem? Problem, TilesetSourceFile? File) CheckContent(string sourceId, string path, bool computeSha256, CancellationToken cancellationToken)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var format = SourceFileFormats.Of(path)!.Value;
            // A converted GeoJSON file is compared by its SHA-256 while sent; a file sent as it is, block by block.
            using var hashing = computeSha256 ? new HashingReadStream(file, tagBlocks: format != SourceFileFormat.GeoJson) : null;
            var stream = (Stream?)hashing ?? file;
            RasterFileFacts? raster = null;
            TilesetSourceProblem? problem;
            if (format.IsRaster())
            {
                (raster, var rasterProblem) = RasterFileChecker.Check(format, stream, cancellationToken);
                problem = rasterProblem is null ? null : new TilesetSourceProblem(sourceId, path, rasterProblem);
            }
            else
            {
                problem = format == SourceFileFormat.GeoJson
                    ? CheckGeoJson(sourceId, path, stream, cancellationToken)
                    : LineDelimitedGeoJsonChecker.Check(stream, cancellationToken) is { } lineProblem
                        ? new TilesetSourceProblem(sourceId, path, lineProblem.Message, lineProblem.Line, lineProblem.Column)
                        : null;
            }

            return problem is not null ? (problem, null) : (null, new TilesetSourceFile(path, file.Length, hashing?.Finish(cancellationToken)) { Raster = raster, Tags = hashing?.Tags });
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return (new TilesetSourceProblem(sourceId, path, $"The file cannot be read: {exception.Message}"), null);
        }
    }

    private static bool MixesVectorAndRaster(IReadOnlyList<string> filePaths)
    {
        bool vector = false, raster = false;
        foreach (var path in filePaths)
        {
            if (SourceFileFormats.Of(path) is { } format)
            {
                raster |= format.IsRaster();
                vector |= !format.IsRaster();
            }
        }

        return vector && raster;
    }

    private static TilesetSourceProblem? CheckGeoJson(string sourceId, string path, Stream stream, CancellationToken cancellationToken)
    {
        // One read: the validator also says what the conversion to line-delimited GeoJSON needs (a Feature root, features).
        if (GeoJsonValidator.Validate(stream, cancellationToken, out var content) is { } problem)
        {
            return new TilesetSourceProblem(sourceId, path, problem.Message, problem.Line, problem.Column);
        }

        if (!content.HasFeatureRoot)
        {
            return new TilesetSourceProblem(sourceId, path, GeoJsonLineWriter.NotAFeatureRoot(content.RootType.ToString()));
        }

        return content.FeatureCount > 0 ? null : new TilesetSourceProblem(sourceId, path, NoFeatures);
    }

    internal const string NoFeatures = "The file holds no features; the service would end with \"No GeoJSON features processed\".";
}
