using System.CommandLine;
using System.IO;
using System.Threading.Tasks;
using Mapbox.Uploads.Build;
using Mapbox.Uploads.Changesets;

namespace Mapbox.Uploads.Tool.Commands;

/// <summary><c>diff OLD NEW [-o FILE]</c>: the changeset that turns one state of a tileset source file into another, as the build computes it.</summary>
internal static class DiffCommand
{
    private static readonly Argument<string> Old = new("OLD") { Description = "The file as last published (GeoJSON or line-delimited GeoJSON)." };

    private static readonly Argument<string> New = new("NEW") { Description = "The file as it is now." };

    private static readonly Option<string?> Output = new("--output", "-o")
    {
        Description = "Where to write the changeset (line-delimited GeoJSON); default NEW's name with .changeset.ldgeojson, in the current directory.",
    };

    public static Command Create()
    {
        var command = new Command("diff", "Write the changeset of two states of a tileset source file, matched by feature id: the added and changed features as "
            + "they are in NEW, then {\"id\":X,\"delete\":true} for each id NEW no longer has; prints +added ~changed -removed. Offline: no token needed, nothing sent.")
        {
            Old,
            New,
            Output,
        };
        command.SetToolAction(Run);
        return command;
    }

    private static Task<int> Run(ParseResult parse, ToolContext context)
    {
        var oldPath = parse.GetValue(Old)!;
        var newPath = parse.GetValue(New)!;
        var outputPath = parse.GetValue(Output) ?? Path.GetFileNameWithoutExtension(newPath) + ".changeset.ldgeojson";
        var (index, problem) = FeatureIndex.Build(oldPath, context.Cancellation);
        if (problem is not null)
        {
            return Task.FromResult(Refuse(context, oldPath, problem));
        }

        ChangesetResult result;
        using (var output = new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            result = ChangesetDiff.Write(newPath, index!, output, context.Cancellation);
        }

        if (result.Problem is { } newProblem)
        {
            File.Delete(outputPath);
            return Task.FromResult(Refuse(context, newPath, newProblem));
        }

        var counts = result.Counts;
        if (context.Json)
        {
            context.WriteJson(new DiffReport(outputPath, counts.Added, counts.Changed, counts.Removed, counts.Unchanged, counts.ChangesetBytes, counts.SourceBytes));
        }
        else
        {
            context.Out.WriteLine($"{oldPath} -> {newPath}: {counts} ({counts.Unchanged} unchanged); {outputPath}: {counts.ChangesetBytes} bytes against the source's {counts.SourceBytes}.");
        }

        return Task.FromResult(ExitCodes.Success);
    }

    private static int Refuse(ToolContext context, string path, FeatureProblem problem)
    {
        var code = FeatureProblemCodes.Of(problem.Kind);
        context.Error.WriteLine(ToolContext.Diagnostic(code, $"{problem.Message} {code.Help}", path, problem.Line, problem.Column));
        return ExitCodes.Failed;
    }

    /// <summary>The --json output.</summary>
    private sealed record DiffReport(string Changeset, long Added, long Changed, long Removed, long Unchanged, long ChangesetBytes, long SourceBytes);
}
