using System;
using System.CommandLine;
using System.Threading.Tasks;
using Mapbox.Uploads.Build;
using Mapbox.Uploads.Tool.Output;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Tool.Commands;

/// <summary><c>upload FILE MAPID [--name N] [--no-wait] [--timeout S] [--dry-run]</c>: checks, stages, creates and waits, as the task does for one item.</summary>
internal static class UploadCommand
{
    private static readonly Argument<string> File = new("FILE")
    {
        Description = "The data file: .geojson/.json, .csv, .kml, .gpx, .zip (shapefile), .mbtiles or .tif/.tiff.",
    };

    private static readonly Argument<string> MapId = new("MAPID")
    {
        Description = "The tileset id: 'roads' (in the token's account) or 'owner.roads'. Reusing an id replaces that tileset.",
    };

    private static readonly Option<string?> Name = new("--name")
    {
        Description = $"The tileset's name, at most {TilesetId.MaxNameLength} characters (default: the id).",
    };

    private static readonly Option<bool> NoWait = new("--no-wait")
    {
        Description = "Return once the upload is created, without waiting for processing.",
    };

    private static readonly Option<int> Timeout = CommandOptions.Timeout();

    private static readonly Option<bool> DryRun = new("--dry-run")
    {
        Description = "Check the file and print what Mapbox would process (and bill), as the build's estimate; send nothing.",
    };

    public static Command Create()
    {
        var command = new Command("upload", "Check a file, stage it to Mapbox's S3 bucket, create the upload and wait until it is processed.")
        {
            File, MapId, Name, NoWait, Timeout, DryRun,
        };
        command.SetToolAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, ToolContext context)
    {
        var path = parse.GetValue(File)!;
        var name = parse.GetValue(Name);
        if (TilesetId.CheckName(name) is { } nameProblem)
        {
            throw new CodedFailure(ErrorCodes.NameTooLong, nameProblem, ExitCodes.Usage);
        }

        using var client = context.CreateClient();
        var tileset = TilesetOf(parse.GetValue(MapId)!, client.Username);
        // Hashed and tagged in the same read, so staging can prove it sends the bytes checked here.
        var check = UploadFileValidator.Validate(path, new UploadFileValidationOptions { ComputeSha256 = true }, context.Cancellation);
        if (check.Problem is { } problem)
        {
            context.Error.WriteLine(ToolContext.Diagnostic(FileProblemCodes.Of(problem.Kind), $"{problem.Message} (tileset {tileset}; nothing was sent)", path, problem.Line, problem.Column));
            return ExitCodes.Failed;
        }

        if (parse.GetValue(DryRun))
        {
            // An upload has its file processed whole; the tool keeps no record, so the reason is the request itself.
            EstimateText.Write(context, [new ProcessingRow(tileset.ToString(), ProcessedKind.File, new System.IO.FileInfo(path).Length, ProcessingReason.Requested, path)]);
            return ExitCodes.Success;
        }

        var created = await StageAndCreateAsync(client, path, tileset, name, check, context);
        context.Error.WriteLine($"{path}: created upload {created.Id} of {tileset}.");
        if (parse.GetValue(NoWait))
        {
            Write(context, path, created);
            return ExitCodes.Success;
        }

        var result = await WaitAsync(client, path, created, CommandOptions.Seconds(parse.GetValue(Timeout)), context);
        Write(context, path, result.Upload ?? created);
        if (WaitOutcomes.Problem(result, context.Cancellation) is { } failure)
        {
            context.Error.WriteLine(ToolContext.Diagnostic(failure.Code, failure.Detail, path));
            return ExitCodes.Failed;
        }

        return ExitCodes.Success;
    }

    private static void Write(ToolContext context, string path, Upload upload)
    {
        if (context.Json)
        {
            context.WriteJson(upload);
        }
        else
        {
            context.Out.WriteLine($"{path} -> {upload.Tileset}: upload {upload.Id} {UploadText.State(upload)}");
        }
    }

    /// <summary>Parses a map id in the token's account; a wrong one is a usage error.</summary>
    internal static TilesetId TilesetOf(string mapId, string account)
    {
        if (!TilesetId.TryParse(mapId, account, out var tileset, out var problem))
        {
            throw new CodedFailure(ErrorCodes.MapIdInvalid, $"'{mapId}': {problem}", ExitCodes.Usage);
        }

        if (tileset.Owner != account)
        {
            throw new CodedFailure(ErrorCodes.OwnerMismatch, $"'{mapId}' names the account {tileset.Owner}, but the token is {account}'s.", ExitCodes.Usage);
        }

        return tileset;
    }

    private static async Task<Upload> StageAndCreateAsync(UploadsClient client, string path, TilesetId tileset, string? name, FileValidationResult check, ToolContext context)
    {
        using var progress = context.StartProgress();
        var options = new UploadOptions { Name = name, CheckedFile = check };
        try
        {
            return await client.UploadAsync(path, tileset, options, progress, context.Cancellation);
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            progress.Dispose();
            throw new CodedFailure(ErrorCodes.Cancelled, $"{tileset}: Ctrl+C stopped the upload; open multipart uploads were aborted.", ExitCodes.Cancelled, path);
        }
        catch (Exception e) when (e is not CodedFailure)
        {
            var (code, detail) = FailureCodes.Classify(e, context.Cancellation);
            throw new CodedFailure(code, $"{tileset}: {detail}", file: path);
        }
    }

    private static async Task<UploadWaitResult> WaitAsync(UploadsClient client, string path, Upload created, TimeSpan timeout, ToolContext context)
    {
        using var progress = context.StartProgress();
        try
        {
            var results = await client.WaitForCompletionAsync([created], timeout, progress, context.Cancellation);
            return results[0];
        }
        catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
        {
            progress.Dispose();
            throw new CodedFailure(ErrorCodes.Cancelled,
                $"{created.Tileset}: Ctrl+C stopped the wait; upload {created.Id} continues on Mapbox ('dotnet mapbox wait {created.Id}').", ExitCodes.Cancelled, path);
        }
        catch (Exception e)
        {
            var (code, detail) = FailureCodes.Classify(e, context.Cancellation);
            throw new CodedFailure(code, $"{created.Tileset}, upload {created.Id}: {detail}", file: path);
        }
    }
}
