using System.Collections.Generic;
using System.CommandLine;
using System.Threading.Tasks;
using Mapbox.Uploads.Build;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Tool.Commands;

/// <summary><c>check FILE...</c>: the task's pre-flight checks, with its codes, and nothing sent.</summary>
internal static class CheckCommand
{
    private static readonly Argument<string[]> Files = new("FILE")
    {
        Description = "The data files to check.",
        Arity = ArgumentArity.OneOrMore,
    };

    public static Command Create()
    {
        var command = new Command("check", "Check data files as the build task does before an upload (type, size, content), offline: no token needed, nothing sent. "
            + "Prints 'file(line,col): error MBXnnnn: ...' for each problem; exit code 1 if any file fails.")
        {
            Files,
        };
        command.SetToolAction(Run);
        return command;
    }

    private static Task<int> Run(ParseResult parse, ToolContext context)
    {
        var reports = new List<FileCheckReport>();
        foreach (var file in parse.GetValue(Files)!)
        {
            var result = UploadFileValidator.Validate(file, null, context.Cancellation);
            var report = FileCheckReport.Of(file, result);
            reports.Add(report);
            if (!context.Json)
            {
                context.Out.WriteLine(result.Problem is { } problem
                    ? ToolContext.Diagnostic(FileProblemCodes.Of(problem.Kind), problem.Message, file, problem.Line, problem.Column)
                    : $"{file}: ok ({result.FileType})");
            }
        }

        if (context.Json)
        {
            context.WriteJson(reports);
        }

        return Task.FromResult(reports.TrueForAll(report => report.Valid) ? ExitCodes.Success : ExitCodes.Failed);
    }

    /// <summary>One file's result in --json output.</summary>
    private sealed record FileCheckReport(string File, bool Valid, string? FileType, string? Code, string? Message, int? Line, int? Column)
    {
        public static FileCheckReport Of(string file, FileValidationResult result) => result.Problem is { } problem
            ? new(file, false, result.FileType?.ToString(), FileProblemCodes.Of(problem.Kind).Code, problem.Message, problem.Line, problem.Column)
            : new(file, true, result.FileType?.ToString(), null, null, null, null);
    }
}
