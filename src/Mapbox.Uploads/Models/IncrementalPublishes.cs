namespace Mapbox.Uploads;

/// <summary>The values of <see cref="PublishedJob.Incremental"/>: what a publish of a tileset whose recipe has <c>"incremental": true</c> was.</summary>
public static class IncrementalPublishes
{
    /// <summary>The first publish of an incremental tileset: later changes may go as changesets.</summary>
    public const string Initial = "initial";

    /// <summary>A later full publish of an incremental tileset: everything is re-tiled from the sources.</summary>
    public const string Reset = "reset";
}
