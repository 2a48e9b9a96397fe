using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Build;
using Mapbox.Uploads.Tool.Output;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Tool.Commands.Tilesets;

/// <summary><c>sources upload|list|delete</c>: the account's tileset sources.</summary>
internal static class SourcesCommand
{
    private static readonly Argument<string> SourceId = new("SOURCE_ID")
    {
        Description = "The source id: 1 to 32 of A-Z a-z 0-9 - _.",
    };

    private static readonly Argument<string[]> Files = new("FILE")
    {
        Description = "1 to 10 files of one kind. Vector: GeoJSON FeatureCollection/Feature (converted to line-delimited GeoJSON while sent), or .ldgeojson/.geojsonl/.geojsonseq/.ndjson (sent as they are). "
            + "Raster: GeoTIFF (.tif/.tiff), NetCDF (.nc) or GRIB (.grib/.grib2), checked (MBX3030) and sent byte for byte.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Argument<string[]> SourceIds = new("SOURCE_ID")
    {
        Description = "The sources to delete.",
        Arity = ArgumentArity.OneOrMore,
    };

    public static Command Create()
    {
        var upload = new Command("upload", "Check the files locally, then replace the source with the first and append the others. Exit code 1 if a check or a request fails.")
        {
            SourceId, Files,
        };
        upload.SetToolAction(UploadAsync);
        var list = new Command("list", "List the account's tileset sources: id, files, size.");
        list.SetToolAction(ListAsync);
        var delete = new Command("delete", "Delete tileset sources (published tilesets stay). Exit code 1 if any delete failed.")
        {
            SourceIds,
        };
        delete.SetToolAction(DeleteAsync);
        return new Command("sources", "Upload, list and delete Mapbox Tiling Service sources (line-delimited GeoJSON, or GeoTIFF, NetCDF and GRIB files, that a recipe builds tilesets from).")
        {
            upload, list, delete,
        };
    }

    private static async Task<int> UploadAsync(ParseResult parse, ToolContext context)
    {
        var sourceId = parse.GetValue(SourceId)!;
        var files = parse.GetValue(Files)!;
        using var client = context.CreateTilesetsClient();
        var sent = 0;
        var progress = new LineProgress<SourceUploadResult>(result =>
            context.Error.WriteLine($"{files[sent++]}: sent to source {sourceId} ({result.Files} file(s), {result.SourceSize} bytes in all)."));
        IReadOnlyList<SourceUploadResult> results;
        try
        {
            results = await client.UploadSourceAsync(sourceId, files, progress, context.Cancellation);
        }
        catch (TilesetSourceValidationException invalid)
        {
            foreach (var problem in invalid.Problems)
            {
                context.Error.WriteLine(ToolContext.Diagnostic(TilesetCodes.Of(problem), $"tileset source '{sourceId}': {problem.Message} (nothing was sent)", problem.FilePath, problem.Line, problem.Column));
            }

            return ExitCodes.Failed;
        }

        var last = results[^1];
        if (context.Json)
        {
            context.WriteJson(new { SourceId = sourceId, last.Id, last.Files, last.SourceSize, Sent = results });
        }
        else
        {
            context.Out.WriteLine($"{last.Id}: {last.Files} file(s), {last.SourceSize} bytes");
        }

        return ExitCodes.Success;
    }

    private static async Task<int> ListAsync(ParseResult parse, ToolContext context)
    {
        using var client = context.CreateTilesetsClient();
        var sources = new List<TilesetSource>();
        await foreach (var source in client.ListSourcesAsync(cancellationToken: context.Cancellation))
        {
            sources.Add(source);
            if (!context.Json)
            {
                context.Out.WriteLine($"{source.Id}  {source.Files} file(s)  {source.SizeNice ?? source.Size + " bytes"}");
            }
        }

        if (context.Json)
        {
            context.WriteJson(sources);
        }

        return ExitCodes.Success;
    }

    private static async Task<int> DeleteAsync(ParseResult parse, ToolContext context)
    {
        using var client = context.CreateTilesetsClient();
        return await DeleteEach.RunAsync(
            parse.GetValue(SourceIds)!, "tileset source", id => client.DeleteSourceAsync(id, context.Cancellation), (id, deleted, code, message) => new DeleteOutcome(id, deleted, code, message), context);
    }

    /// <summary>One id's result in --json output.</summary>
    private sealed record DeleteOutcome(string SourceId, bool Deleted, string? Code, string? Message);
}
