using System;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Http;

/// <summary>
/// The client's one source of time, shared by the pipeline, pacer, signing, retries and waits, so that tests can
/// replace it whole. Not <c>System.TimeProvider</c>: on netstandard2.0 that needs Microsoft.Bcl.TimeProvider, an
/// assembly Visual Studio's MSBuild does not ship.
/// </summary>
internal abstract class Clock
{
    /// <summary>The machine's clock, with a stopwatch for steady time.</summary>
    public static Clock System { get; } = new SystemClock();

    /// <summary>Wall time, as the service and S3 read it: request signatures and rate-limit reset times.</summary>
    public abstract DateTimeOffset UtcNow { get; }

    /// <summary>Time that never jumps, for deadlines, pacing and durations; compare it only with itself.</summary>
    public abstract DateTimeOffset SteadyNow { get; }

    /// <summary>Completes after <paramref name="wait"/>; cancellation ends it early with <see cref="OperationCanceledException"/>.</summary>
    /// <param name="wait">How long to wait.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    /// <returns>The wait.</returns>
    public abstract Task Delay(TimeSpan wait, CancellationToken cancellationToken);
}
