using System;
using System.CommandLine;
using System.Threading.Tasks;
using Mapbox.Uploads.Build;

namespace Mapbox.Uploads.Tool;

/// <summary>Runs a command's body and turns what it throws into a coded message and an exit code.</summary>
internal static class ToolAction
{
    public static void SetToolAction(this Command command, Func<ParseResult, ToolContext, Task<int>> body) =>
        command.SetAction(async (parse, cancellation) =>
        {
            var context = new ToolContext(parse, cancellation);
            try
            {
                return await body(parse, context);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
                context.Error.WriteLine("dotnet mapbox: cancelled (Ctrl+C).");
                return ExitCodes.Cancelled;
            }
            catch (CodedFailure failure)
            {
                context.Error.WriteLine(ToolContext.Diagnostic(failure.Code, failure.Message, failure.File));
                return failure.ExitCode;
            }
            catch (Exception e)
            {
                // The client's exceptions are redacted at the source; the classifier is the task's, so the codes match.
                var (code, detail) = FailureCodes.Classify(e, cancellation);
                context.Error.WriteLine(ToolContext.Diagnostic(code, detail));
                return ExitCodes.Failed;
            }
        });
}
