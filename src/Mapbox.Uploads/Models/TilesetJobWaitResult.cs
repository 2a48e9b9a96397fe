namespace Mapbox.Uploads;

/// <summary>One job's outcome in <see cref="TilesetsClient.WaitForJobsAsync"/>.</summary>
public sealed class TilesetJobWaitResult
{
    internal TilesetJobWaitResult(TilesetId tileset, string jobId, TilesetJob? job, bool timedOut)
    {
        Tileset = tileset;
        JobId = jobId;
        Job = job;
        TimedOut = timedOut;
    }

    /// <summary>The tileset the job builds.</summary>
    public TilesetId Tileset { get; }

    /// <summary>The job id.</summary>
    public string JobId { get; }

    /// <summary>The finished job, or the last state seen when <see cref="TimedOut"/>; null if never read.</summary>
    public TilesetJob? Job { get; }

    /// <summary>True when the job had not finished within the timeout.</summary>
    public bool TimedOut { get; }

    /// <summary>True when the job published the tileset.</summary>
    public bool Succeeded => !TimedOut && Job?.Succeeded == true;
}
