using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads;

public partial class UploadsClient
{
    /// <summary>
    /// Polls an upload's status until it is complete or has an error, waiting <see cref="UploadsClientOptions.PollInterval"/>
    /// at first and longer later, up to <see cref="UploadsClientOptions.MaxPollInterval"/>.
    /// </summary>
    /// <param name="uploadId">The upload id.</param>
    /// <param name="timeout">The longest time to wait.</param>
    /// <param name="progress">Receives every status read; <see cref="Upload.Progress"/> is the service's 0 to 1.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The final status: <see cref="Upload.Succeeded"/> or <see cref="Upload.Failed"/>.</returns>
    /// <exception cref="TimeoutException">The upload did not finish within <paramref name="timeout"/>.</exception>
    /// <exception cref="MapboxApiException">A status request was refused or failed.</exception>
    public virtual async Task<Upload> WaitForCompletionAsync(string uploadId, TimeSpan timeout, IProgress<Upload>? progress = null, CancellationToken cancellationToken = default)
    {
        if (timeout < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout cannot be negative.");
        }

        var elapsed = Stopwatch.StartNew();
        var interval = _pollInterval;
        while (true)
        {
            var upload = await GetStatusAsync(uploadId, cancellationToken).ConfigureAwait(false);
            progress?.Report(upload);
            if (upload.Complete || upload.Failed)
            {
                return upload;
            }

            var remaining = timeout - elapsed.Elapsed;
            if (remaining <= TimeSpan.Zero)
            {
                throw new TimeoutException(
                    $"Upload {upload.Id} of {upload.Tileset} was still processing ({upload.Progress:P0}) after {timeout}. It continues on the service; check it later with its id.");
            }

            await _pipeline.Delay(interval < remaining ? interval : remaining, cancellationToken).ConfigureAwait(false);
            interval = NextPollInterval(interval);
        }
    }

    private TimeSpan NextPollInterval(TimeSpan interval)
    {
        var grown = TimeSpan.FromTicks((long)(interval.Ticks * 1.5));
        return grown < _maxPollInterval ? grown : _maxPollInterval;
    }
}
