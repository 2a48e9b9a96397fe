using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Http;

/// <summary>The machine's clock; steady time is a stopwatch from when this was made, so a wall-clock change never moves a deadline.</summary>
internal sealed class SystemClock : Clock
{
    private readonly DateTimeOffset _origin = DateTimeOffset.UtcNow;
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();

    public override DateTimeOffset UtcNow => DateTimeOffset.UtcNow;

    public override DateTimeOffset SteadyNow => _origin + _elapsed.Elapsed;

    public override Task Delay(TimeSpan wait, CancellationToken cancellationToken) => Task.Delay(wait, cancellationToken);
}
