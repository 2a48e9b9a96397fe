using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Build;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Tool.Commands.Tilesets;

/// <summary>A recipe file judged by the local checks and, when they pass, by the service's validation.</summary>
internal sealed record RecipeFile(string File, string Json, bool Valid, string CheckedBy, IReadOnlyList<RecipeFile.Error> Errors)
{
    /// <summary>A raster or rasterarray recipe: its local problems are <see cref="ErrorCodes.RasterRecipeInvalid"/>.</summary>
    public bool IsRaster { get; init; }

    /// <summary>Reads the recipe, checks it locally, and asks the service only when the local checks pass.</summary>
    public static async Task<RecipeFile> ValidateAsync(TilesetsClient client, string path, ToolContext context)
    {
        if (!System.IO.File.Exists(path))
        {
            throw new CodedFailure(ErrorCodes.FileMissing, "No recipe file exists at this path. Check the spelling.", file: path);
        }

        var json = await System.IO.File.ReadAllTextAsync(path, context.Cancellation);
        var local = RecipeValidator.Check(json, client.Username);
        if (!local.IsValid)
        {
            return new RecipeFile(path, json, false, "local", [.. local.Problems.Select(problem => new Error(problem.Message, problem.Line, problem.Column))]) { IsRaster = local.IsRaster };
        }

        var service = await client.ValidateRecipeAsync(json, context.Cancellation);
        return new RecipeFile(path, json, service.Valid, "service", [.. service.Errors.Select(message => new Error(message, null, null))]) { IsRaster = local.IsRaster };
    }

    /// <summary>Each error as <c>file(line,col): error MBXnnnn: ...</c>.</summary>
    public IEnumerable<string> Diagnostics() =>
        Errors.Select(error => ToolContext.Diagnostic(CheckedBy == "local" ? TilesetCodes.LocalRecipeProblem(IsRaster) : TilesetCodes.RecipeInvalid, $"{Source()}: {error.Message}", File, error.Line, error.Column));

    private string Source() => CheckedBy == "local" ? "the recipe fails a local check (nothing was sent)" : "the service's validation refused the recipe";

    /// <summary>One problem: a local check's, with its position, or one of the service's errors.</summary>
    internal sealed record Error(string Message, int? Line, int? Column);
}
