namespace Mapbox.Uploads;

/// <summary>
/// Why the Tiling Service refused a changeset call or <c>publish-changesets</c>, in the terms a build decides on
/// (<see cref="MapboxApiException.ChangesetRefusal"/>); read from the operation, the status and the service's message.
/// </summary>
public enum ChangesetRefusal
{
    /// <summary>400: the recipe changed since the last initial or reset publish; publish the tileset (a reset) instead.</summary>
    RecipeChanged,

    /// <summary>400: a layer is not in the recipe, has no <c>changeset</c>, or names a changeset that does not exist; or the body is not the documented shape.</summary>
    LayerOrChangesetUnknown,

    /// <summary>404: the tileset was never published, or not published with <c>"incremental": true</c>; publish it first (initial).</summary>
    NotIncremental,

    /// <summary>422: every changeset the request names is empty; there is nothing to update.</summary>
    AllLayersEmpty,

    /// <summary>401 or 403 saying incremental updates: the account does not have them enabled (a beta feature).</summary>
    IncrementalNotEnabled,
}
