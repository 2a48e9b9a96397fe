using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Build;

namespace Mapbox.Uploads.Tool.Commands.Tilesets;

/// <summary>
/// <c>publish-changesets TILESET (PAYLOAD_FILE | --layer NAME=CHANGESET_ID ...) [--no-wait] [--timeout S]</c>: applies
/// one changeset per layer to a tileset published with <c>"incremental": true</c>, and waits for the job. The
/// positional payload file is the tilesets CLI's shape, so its command lines work unchanged.
/// </summary>
internal static class PublishChangesetsCommand
{
    private static readonly Argument<string> Tileset = PublishCommand.TilesetArgument();

    private static readonly Argument<Dictionary<string, string>?> Payload = new("PAYLOAD_FILE")
    {
        Description = "A JSON file as the tilesets CLI's publish-changesets takes it: {\"layers\":{\"<layer>\":{\"changeset\":\"mapbox://tileset-changeset/{user}/{id}\"}}}.",
        Arity = ArgumentArity.ZeroOrOne,
        CustomParser = result => result.Tokens.Count == 0 ? null : ChangesetLayers.FromPayload(result.Tokens[0].Value, result.AddError),
    };

    private static readonly Option<Dictionary<string, string>?> Layers = new("--layer")
    {
        Description = "NAME=CHANGESET_ID: a layer of the recipe and the changeset (of the token's account, by id or URI) to apply to it; repeat for several layers.",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result => ChangesetLayers.FromOptions(result.Tokens.Select(token => token.Value), result.AddError),
    };

    private static readonly Option<bool> NoWait = new("--no-wait")
    {
        Description = "Return once the job is started, without waiting for it.",
    };

    private static readonly Option<int> Timeout = CommandOptions.Timeout("the job");

    public static Command Create()
    {
        var command = new Command("publish-changesets", "Apply changesets to an incremental tileset (its recipe has \"incremental\": true and is unchanged since its last publish), "
            + "then wait for the job as publish does. Give the layers in a PAYLOAD_FILE (as the tilesets CLI) or with --layer NAME=CHANGESET_ID. "
            + "Exit code 1 when Mapbox refuses, the job fails (with its errors) or the wait times out.")
        {
            Tileset, Payload, Layers, NoWait, Timeout,
        };
        command.Validators.Add(result =>
        {
            var hasPayload = result.GetResult(Payload) is { Tokens.Count: > 0 };
            var hasLayers = result.GetResult(Layers) is not null;
            if (hasPayload == hasLayers)
            {
                result.AddError("publish-changesets takes the layers either in a PAYLOAD_FILE or with --layer NAME=CHANGESET_ID, not both or neither.");
            }
        });
        command.SetToolAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, ToolContext context)
    {
        using var client = context.CreateTilesetsClient();
        var tileset = UploadCommand.TilesetOf(parse.GetValue(Tileset)!, client.Username);
        var layers = (parse.GetValue(Payload) ?? parse.GetValue(Layers)!)
            .ToDictionary(layer => layer.Key, layer => ChangesetNames.IdIn(layer.Value, client.Username), System.StringComparer.Ordinal);
        var published = await client.PublishChangesetsAsync(tileset, layers, context.Cancellation);
        context.Error.WriteLine($"{tileset}: applying {string.Join(", ", layers.Select(layer => $"changeset {layer.Value} to layer {layer.Key}"))}, job {published.JobId}.");
        var payload = parse.GetResult(Payload) is { Tokens: [var token] } ? token.Value : null;
        return await PublishCommand.FollowAsync(client, tileset, published, parse.GetValue(NoWait), CommandOptions.Seconds(parse.GetValue(Timeout)), payload,
            () => Task.FromResult(ErrorCodes.ChangesetJobFailed), context);
    }
}
