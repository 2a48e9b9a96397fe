using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Build;

namespace Mapbox.Uploads.Tool.Commands.Tilesets;

/// <summary>
/// The delete commands of the Tiling Service resources (sources, changesets): each id once, in order, a refusal
/// coded and the rest still deleted; exit code 1 if any delete failed.
/// </summary>
internal static class DeleteEach
{
    /// <param name="ids">The ids, repeated ones deleted once.</param>
    /// <param name="what">The resource as the messages name it, e.g. "tileset source".</param>
    /// <param name="deleteAsync">Deletes one id.</param>
    /// <param name="outcome">One id's result in --json output: id, deleted, code, message.</param>
    /// <param name="context">The command's context.</param>
    public static async Task<int> RunAsync(
        IEnumerable<string> ids, string what, Func<string, Task> deleteAsync, Func<string, bool, string?, string?, object> outcome, ToolContext context)
    {
        var outcomes = new List<object>();
        var failed = false;
        foreach (var id in ids.Distinct())
        {
            try
            {
                await deleteAsync(id);
                if (!context.Json)
                {
                    context.Out.WriteLine($"deleted {id}");
                }

                outcomes.Add(outcome(id, true, null, null));
            }
            catch (MapboxApiException e)
            {
                var (code, detail) = FailureCodes.Classify(e, context.Cancellation);
                context.Error.WriteLine(ToolContext.Diagnostic(code, $"{what} '{id}': {detail}"));
                outcomes.Add(outcome(id, false, code.Code, detail));
                failed = true;
            }
        }

        if (context.Json)
        {
            context.WriteJson(outcomes);
        }

        return failed ? ExitCodes.Failed : ExitCodes.Success;
    }
}
