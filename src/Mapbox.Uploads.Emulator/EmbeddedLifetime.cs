using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// Keeps the host away from the process's signals: an emulator inside a test run must not stop on the
/// runner's Ctrl+C handling, and the command handles its own signals.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
