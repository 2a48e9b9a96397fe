using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Mapbox.Uploads.Build;

namespace Mapbox.Uploads.Tool.Commands.Tilesets;

/// <summary>
/// <c>publish-changesets TILESET (--layer NAME=CHANGESET_ID ... | PAYLOAD_FILE) [--no-wait] [--timeout S]</c>: applies
/// one changeset per layer to a tileset published with <c>"incremental": true</c>, and waits for the job.
/// </summary>
internal static class PublishChangesetsCommand
{
    private static readonly Argument<string> Tileset = PublishCommand.TilesetArgument();

    private static readonly Argument<string?> Payload = new("PAYLOAD_FILE")
    {
        Description = "A JSON file as the tilesets CLI takes it: {\"layers\":{\"<layer>\":{\"changeset\":\"mapbox://tileset-changeset/{user}/{id}\"}}}.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<string[]> Layers = new("--layer")
    {
        Description = "NAME=CHANGESET_ID: the recipe layer and the changeset (of the token's account) to apply to it; repeat for several layers.",
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<bool> NoWait = new("--no-wait")
    {
        Description = "Return once the job is started, without waiting for it.",
    };

    private static readonly Option<int> Timeout = CommandOptions.Timeout("the job");

    public static Command Create()
    {
        var command = new Command("publish-changesets", "Apply changesets to an incremental tileset (its recipe has \"incremental\": true and was published since it last changed), "
            + "then wait for the job. Give the layers with --layer NAME=CHANGESET_ID or a payload file. Exit code 1 when Mapbox refuses, the job fails (with its errors) or the wait times out.")
        {
            Tileset, Payload, Layers, NoWait, Timeout,
        };
        command.Validators.Add(result =>
        {
            var hasPayload = result.GetValue(Payload) is not null;
            var hasLayers = result.GetValue(Layers) is { Length: > 0 };
            if (hasPayload == hasLayers)
            {
                result.AddError("Give the layers either with --layer NAME=CHANGESET_ID or in a PAYLOAD_FILE, not both or neither.");
            }
        });
        command.SetToolAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, ToolContext context)
    {
        using var client = context.CreateTilesetsClient();
        var tileset = UploadCommand.TilesetOf(parse.GetValue(Tileset)!, client.Username);
        var payload = parse.GetValue(Payload);
        var layers = payload is null ? FromOptions(parse.GetValue(Layers)!) : FromPayload(payload, client.Username);
        var published = await client.PublishChangesetsAsync(tileset, layers, context.Cancellation);
        context.Error.WriteLine($"{tileset}: applying {string.Join(", ", Describe(layers))}, job {published.JobId}.");
        return await PublishCommand.FollowAsync(client, tileset, published, parse.GetValue(NoWait), CommandOptions.Seconds(parse.GetValue(Timeout)), payload, ErrorCodes.ChangesetJobFailed, context);
    }

    private static IEnumerable<string> Describe(IReadOnlyDictionary<string, string> layers)
    {
        foreach (var layer in layers)
        {
            yield return $"changeset {layer.Value} to layer {layer.Key}";
        }
    }

    private static Dictionary<string, string> FromOptions(string[] values)
    {
        var layers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var separator = value.IndexOf('=');
            if (separator <= 0 || separator == value.Length - 1)
            {
                throw new CodedFailure(ErrorCodes.ChangesetRefused, $"--layer takes NAME=CHANGESET_ID, not '{value}' (nothing was sent)", ExitCodes.Usage);
            }

            Add(layers, value[..separator], ChangesetsCommand.RequireId(value[(separator + 1)..]), null);
        }

        return layers;
    }

    /// <summary>Reads the CLI's payload; a changeset URI must be of the token's account, as the service takes it.</summary>
    private static Dictionary<string, string> FromPayload(string path, string username)
    {
        var prefix = ChangesetIds.UriPrefix + username + "/";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            throw Refused(path, $"the payload cannot be read as JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("layers", out var entries) || entries.ValueKind != JsonValueKind.Object)
            {
                throw Refused(path, "the payload must be {\"layers\":{\"<layer>\":{\"changeset\":\"" + prefix + "<id>\"}}}");
            }

            var layers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in entries.EnumerateObject())
            {
                var uri = entry.Value.ValueKind == JsonValueKind.Object && entry.Value.TryGetProperty("changeset", out var changeset) && changeset.ValueKind == JsonValueKind.String
                    ? changeset.GetString()!
                    : throw Refused(path, $"layer '{entry.Name}' has no \"changeset\"");
                if (!uri.StartsWith(prefix, StringComparison.Ordinal))
                {
                    throw Refused(path, $"layer '{entry.Name}': '{uri}' is not a changeset of {username} ({prefix}<id>)");
                }

                Add(layers, entry.Name, uri[prefix.Length..], path);
            }

            return layers.Count > 0 ? layers : throw Refused(path, "the payload names no layer");
        }
    }

    private static void Add(Dictionary<string, string> layers, string layer, string changesetId, string? path)
    {
        if (ChangesetIds.Check(changesetId) is { } problem)
        {
            throw Refused(path, problem);
        }

        if (!layers.TryAdd(layer, changesetId))
        {
            throw Refused(path, $"layer '{layer}' is given twice; one changeset per layer per request");
        }
    }

    private static CodedFailure Refused(string? path, string detail) => new(ErrorCodes.ChangesetRefused, $"{detail} (nothing was sent)", ExitCodes.Usage, path);
}
