using System.IO;
using Mapbox.Uploads.Build;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Tool.Commands.Tilesets;

/// <summary>
/// The task's codes for what the Tiling Service commands find: local problems of sources and recipes, a recipe the
/// service calls invalid, a failed job. One table, so every command names the same outcome the same way.
/// </summary>
internal static class TilesetCodes
{
    /// <summary>A recipe that is not JSON with <c>version</c> and <c>layers</c>, or that the service's validation refuses.</summary>
    public static ErrorCode RecipeInvalid => ErrorCodes.RecipeInvalid;

    /// <summary>A job that ended in <c>failed</c>.</summary>
    public static ErrorCode JobFailed => ErrorCodes.TilesetJobFailed;

    /// <summary>A recipe's local problem: a raster or rasterarray recipe's is <see cref="ErrorCodes.RasterRecipeInvalid"/>, as in the build.</summary>
    public static ErrorCode LocalRecipeProblem(bool isRaster) => isRaster ? ErrorCodes.RasterRecipeInvalid : RecipeInvalid;

    /// <summary>A failed job: a raster or rasterarray tileset's is <see cref="ErrorCodes.RasterJobFailed"/>, as in the build.</summary>
    public static ErrorCode FailedJob(bool isRaster) => isRaster ? ErrorCodes.RasterJobFailed : JobFailed;

    /// <summary>A job still unfinished when the wait gave up.</summary>
    public static ErrorCode JobTimedOut => ErrorCodes.Timeout;

    /// <summary>The code of a source problem found before any request.</summary>
    public static ErrorCode Of(TilesetSourceProblem problem) =>
        problem.FilePath is null ? ErrorCodes.SourceInvalid
        : problem.Line is not null ? ErrorCodes.InvalidGeoJson
        : Directory.Exists(problem.FilePath) ? ErrorCodes.FileIsDirectory
        : !File.Exists(problem.FilePath) ? ErrorCodes.FileMissing
        : TilesetSourceValidator.IsRasterFile(problem.FilePath) ? ErrorCodes.RasterSourceInvalid
        : ErrorCodes.InvalidGeoJson;
}
