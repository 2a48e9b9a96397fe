using System.CommandLine;
using System.Threading.Tasks;
using Mapbox.Uploads.Tool.Output;

namespace Mapbox.Uploads.Tool.Commands;

/// <summary><c>status UPLOAD_ID</c>: one status read.</summary>
internal static class StatusCommand
{
    private static readonly Argument<string> UploadId = new("UPLOAD_ID") { Description = "The upload's id." };

    public static Command Create()
    {
        var command = new Command("status", "Show an upload's status once: tileset, name, progress or error, times. Exit code 0 when it was read, whatever its state.")
        {
            UploadId,
        };
        command.SetToolAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, ToolContext context)
    {
        using var client = context.CreateClient();
        var upload = await client.GetStatusAsync(parse.GetValue(UploadId)!, context.Cancellation);
        if (context.Json)
        {
            context.WriteJson(upload);
        }
        else
        {
            UploadText.WriteBlock(context.Out, upload);
        }

        return ExitCodes.Success;
    }
}
