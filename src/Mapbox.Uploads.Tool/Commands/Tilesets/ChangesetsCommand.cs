using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Build;
using Mapbox.Uploads.Sources;

namespace Mapbox.Uploads.Tool.Commands.Tilesets;

/// <summary><c>changesets upload|list|view|delete</c>: the account's tileset changesets (incremental updates).</summary>
internal static class ChangesetsCommand
{
    private const string NameHelp = "its id (1 to 32 of A-Z a-z 0-9 - _; the build names a changeset after its tileset source) or its URI mapbox://tileset-changeset/{user}/{id}";

    private static readonly Argument<string> Changeset = Validated(new Argument<string>("CHANGESET_ID") { Description = "The changeset: " + NameHelp + "." });

    private static readonly Argument<string[]> Files = new("FILE")
    {
        Description = "1 to 10 line-delimited GeoJSON files (.ldgeojson/.geojsonl/.geojsonseq/.ndjson) as 'dotnet mapbox diff' writes them, streamed as they are: "
            + "each line a Feature with an id (added, or replacing that id) or {\"id\":…,\"delete\":true}.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<bool> Replace = new("--replace")
    {
        Description = "Replace the changeset's files (PUT) with the first file instead of appending it (POST).",
    };

    private static readonly Option<string?> SortBy = new("--sort")
    {
        Description = "created or modified.",
    };

    private static readonly Argument<string[]> Changesets = Validated(new Argument<string[]>("CHANGESET_ID")
    {
        Description = "The changesets to delete, each " + NameHelp + ".",
        Arity = ArgumentArity.OneOrMore,
    });

    public static Command Create()
    {
        SortBy.AcceptOnlyFromAmong("created", "modified");
        var upload = new Command("upload", "Send line-delimited GeoJSON files to a changeset: create it or append (POST), or with --replace replace its files with the first (PUT) and append the others. "
            + "Then apply it with publish-changesets. Exit code 1 if a file is missing or not line-delimited (nothing sent) or a request fails.")
        {
            Changeset, Files, Replace,
        };
        upload.SetToolAction(UploadAsync);
        var list = new Command("list", "List the account's changesets: URI, files, size.")
        {
            SortBy,
        };
        list.SetToolAction(ListAsync);
        var view = new Command("view", "Show one changeset: URI, files, size. Exit code 1 if there is none.")
        {
            Changeset,
        };
        view.SetToolAction(ViewAsync);
        var delete = new Command("delete", "Delete changesets (a changeset job still using one fails). Exit code 1 if any delete failed.")
        {
            Changesets,
        };
        delete.SetToolAction(DeleteAsync);
        return new Command("changesets", "Upload, list, view and delete Mapbox Tiling Service changesets: the features that changed, for publish-changesets to apply to an incremental tileset.")
        {
            upload, list, view, delete,
        };
    }

    private static Argument<T> Validated<T>(Argument<T> argument)
    {
        argument.Validators.Add(ChangesetNames.Validate);
        return argument;
    }

    private static async Task<int> UploadAsync(ParseResult parse, ToolContext context)
    {
        var name = parse.GetValue(Changeset)!;
        var files = parse.GetValue(Files)!;
        foreach (var file in files)
        {
            if (!File.Exists(file))
            {
                throw new CodedFailure(Directory.Exists(file) ? ErrorCodes.FileIsDirectory : ErrorCodes.FileMissing, $"changeset '{name}': no such file (nothing was sent)", file: file);
            }

            if (SourceFileFormats.Of(file) != SourceFileFormat.LineDelimited)
            {
                throw new CodedFailure(ErrorCodes.UnsupportedExtension, $"changeset '{name}': {SourceFileFormats.NotLineDelimitedMessage(file, "A changeset")} (nothing was sent)", file: file);
            }
        }

        using var client = context.CreateTilesetsClient();
        var changesetId = ChangesetNames.IdIn(name, client.Username);
        var results = new List<ChangesetUploadResult>();
        for (var i = 0; i < files.Length; i++)
        {
            var result = await client.UploadChangesetAsync(changesetId, files[i], replace: i == 0 && parse.GetValue(Replace), cancellationToken: context.Cancellation);
            context.Error.WriteLine($"{files[i]}: sent to changeset {changesetId} ({result.Files} file(s), {result.SourceSize} bytes in all).");
            results.Add(result);
        }

        var last = results[^1];
        if (context.Json)
        {
            context.WriteJson(new { ChangesetId = changesetId, last.Id, last.Files, last.SourceSize, Sent = results });
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
        var changesets = new List<TilesetChangeset>();
        await foreach (var changeset in client.ListChangesetsAsync(parse.GetValue(SortBy), cancellationToken: context.Cancellation))
        {
            changesets.Add(changeset);
            if (!context.Json)
            {
                context.Out.WriteLine(Line(changeset));
            }
        }

        if (context.Json)
        {
            context.WriteJson(changesets);
        }

        return ExitCodes.Success;
    }

    private static async Task<int> ViewAsync(ParseResult parse, ToolContext context)
    {
        using var client = context.CreateTilesetsClient();
        var changeset = await client.GetChangesetAsync(ChangesetNames.IdIn(parse.GetValue(Changeset)!, client.Username), context.Cancellation);
        if (context.Json)
        {
            context.WriteJson(changeset);
        }
        else
        {
            context.Out.WriteLine(Line(changeset));
        }

        return ExitCodes.Success;
    }

    private static string Line(TilesetChangeset changeset) => $"{changeset.Id}  {changeset.Files} file(s)  {changeset.SizeNice ?? changeset.Size + " bytes"}";

    private static async Task<int> DeleteAsync(ParseResult parse, ToolContext context)
    {
        using var client = context.CreateTilesetsClient();
        return await DeleteEach.RunAsync(
            parse.GetValue(Changesets)!.Select(name => ChangesetNames.IdIn(name, client.Username)), "changeset", id => client.DeleteChangesetAsync(id, context.Cancellation), (id, deleted, code, message) => new DeleteOutcome(id, deleted, code, message), context);
    }

    /// <summary>One id's result in --json output.</summary>
    private sealed record DeleteOutcome(string ChangesetId, bool Deleted, string? Code, string? Message);
}
