using System;

namespace Mapbox.Uploads.Http;

/// <summary>
/// The one place that reads a refused changeset call as a <see cref="ChangesetRefusal"/>. The service documents the
/// statuses but not its message texts; a 400 is about the recipe when its message names the recipe, a 422 about the queue when it names the queue.
/// </summary>
internal static class ChangesetRefusals
{
    public static ChangesetRefusal? Classify(string operation, int statusCode, string? serviceMessage)
    {
        var isChangesetCall = operation is TilesetsOperations.PublishChangesets or TilesetsOperations.AppendChangeset or TilesetsOperations.ReplaceChangeset
            or TilesetsOperations.GetChangeset or TilesetsOperations.ListChangesets or TilesetsOperations.DeleteChangeset;
        if (!isChangesetCall)
        {
            return null;
        }

        if (statusCode is 401 or 403)
        {
            return Mentions(serviceMessage, "incremental") ? ChangesetRefusal.IncrementalNotEnabled : null;
        }

        if (operation != TilesetsOperations.PublishChangesets)
        {
            return null;
        }

        return statusCode switch
        {
            400 when Mentions(serviceMessage, "recipe") => ChangesetRefusal.RecipeChanged,
            400 => ChangesetRefusal.LayerOrChangesetUnknown,
            404 => ChangesetRefusal.NotIncremental,
            422 when !Mentions(serviceMessage, "queue") => ChangesetRefusal.AllLayersEmpty,
            _ => null,
        };
    }

    public static string Advice(ChangesetRefusal refusal) => refusal switch
    {
        ChangesetRefusal.RecipeChanged => "The recipe changed since the last initial or reset publish; publish the whole tileset (a reset) instead of a changeset.",
        ChangesetRefusal.LayerOrChangesetUnknown => "Each layer must be one of the recipe's and name a changeset that exists; upload the changeset first.",
        ChangesetRefusal.NotIncremental => "The tileset was never published with \"incremental\": true; publish it once (the initial publish) before sending changesets.",
        ChangesetRefusal.AllLayersEmpty => "Every changeset named is empty; there is nothing to update.",
        _ => "Incremental updates (a beta) are not enabled for this account; ask Mapbox to enable them, or publish the whole tileset.",
    };

    private static bool Mentions(string? serviceMessage, string word) =>
        serviceMessage is not null && serviceMessage.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0;
}
