using System;

namespace Mapbox.Uploads;

/// <summary>The stages of a publish job (<see cref="TilesetJob.Stage"/>).</summary>
public static class TilesetJobStages
{
    /// <summary>Waiting behind another job of the same tileset, or in the account's queue.</summary>
    public const string Queued = "queued";

    /// <summary>Running.</summary>
    public const string Processing = "processing";

    /// <summary>Finished; the tileset is published.</summary>
    public const string Success = "success";

    /// <summary>Finished without publishing; <see cref="TilesetJob.Errors"/> says why.</summary>
    public const string Failed = "failed";

    /// <summary>A later publish of the same tileset took over; this job will publish nothing.</summary>
    public const string Superseded = "superseded";

    /// <summary>Whether a job in this stage has finished for good.</summary>
    /// <param name="stage">A stage.</param>
    /// <returns>True for success, failed and superseded.</returns>
    public static bool IsFinished(string? stage) =>
        string.Equals(stage, Success, StringComparison.Ordinal) ||
        string.Equals(stage, Failed, StringComparison.Ordinal) ||
        string.Equals(stage, Superseded, StringComparison.Ordinal);
}
