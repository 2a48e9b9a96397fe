using System;
using System.Collections.Generic;
using System.Linq;
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
    /// <param name="timeout">The longest time to wait; <see cref="Timeout.InfiniteTimeSpan"/> (or <see cref="TimeSpan.MaxValue"/>) waits without bound.</param>
    /// <param name="progress">Receives every status read; <see cref="Upload.Progress"/> is the service's 0 to 1.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The final status: <see cref="Upload.Succeeded"/> or <see cref="Upload.Failed"/>.</returns>
    /// <exception cref="TimeoutException">The upload did not finish within <paramref name="timeout"/>.</exception>
    /// <exception cref="MapboxApiException">A status request was refused or failed.</exception>
    public virtual async Task<Upload> WaitForCompletionAsync(string uploadId, TimeSpan timeout, IProgress<Upload>? progress = null, CancellationToken cancellationToken = default)
    {
        RequireUploadId(uploadId);
        var result = (await WaitAllAsync(new[] { new UploadWaitState(uploadId, null) }, timeout, progress, pollFirst: true, cancellationToken).ConfigureAwait(false))[0];
        if (result.Failure is not null)
        {
            throw result.Failure;
        }

        if (result.TimedOut)
        {
            var upload = result.Upload!;
            throw new TimeoutException(
                FormattableString.Invariant($"Upload {upload.Id} of {upload.Tileset} was still processing ({upload.Progress:0%}) after {timeout}. It continues on the service; check it later with its id."));
        }

        return result.Upload!;
    }

    /// <summary>
    /// Waits for several uploads at once. Each poll round reads the newest page of the account's uploads (one request,
    /// up to 100) and takes every pending upload found there; uploads not on that page are read one by one. A single
    /// pending upload is read by its status alone. When the list is refused (403 for a token without <c>uploads:list</c>,
    /// or any other non-retryable answer), every later round reads status one by one. The first round is sent at once; rounds are
    /// <see cref="UploadsClientOptions.PollInterval"/> apart, growing to <see cref="UploadsClientOptions.MaxPollInterval"/>.
    /// </summary>
    /// <param name="uploadIds">The upload ids, each once.</param>
    /// <param name="timeout">The longest time to wait for each upload, counted from this call; <see cref="Timeout.InfiniteTimeSpan"/> waits without bound.</param>
    /// <param name="progress">Receives every status read of a pending upload.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>
    /// One result per id, in the given order: the final status, or <see cref="UploadWaitResult.TimedOut"/> with the last
    /// status read, or <see cref="UploadWaitResult.Failure"/> when the service refused that id's status (404).
    /// </returns>
    /// <exception cref="ArgumentException">An id is blank or repeated.</exception>
    /// <exception cref="MapboxApiException">A request failed for every upload alike (e.g. 401, or 5xx through every retry).</exception>
    public virtual Task<IReadOnlyList<UploadWaitResult>> WaitForCompletionAsync(IEnumerable<string> uploadIds, TimeSpan timeout, IProgress<Upload>? progress = null, CancellationToken cancellationToken = default)
    {
        if (uploadIds is null)
        {
            throw new ArgumentNullException(nameof(uploadIds));
        }

        var states = uploadIds.Select(id => new UploadWaitState(id, null)).ToList();
        return WaitAllAsync(states, timeout, progress, pollFirst: true, cancellationToken);
    }

    /// <summary>
    /// Waits for uploads this caller has just created, as <see cref="WaitForCompletionAsync(IEnumerable{string}, TimeSpan, IProgress{Upload}?, CancellationToken)"/>
    /// does, but without polling at once: the created statuses are the first round, so the first request goes out after
    /// <see cref="UploadsClientOptions.PollInterval"/>. Uploads that are already finished are returned as they are.
    /// </summary>
    /// <param name="uploads">The uploads as <see cref="CreateAsync"/> or <see cref="UploadAsync"/> returned them, each once.</param>
    /// <param name="timeout">The longest time to wait for each upload, counted from this call; <see cref="Timeout.InfiniteTimeSpan"/> waits without bound.</param>
    /// <param name="progress">Receives every status read of a pending upload.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>One result per upload, in the given order (see the other overload).</returns>
    /// <exception cref="ArgumentException">An upload is null, has no id, or is repeated.</exception>
    /// <exception cref="MapboxApiException">A request failed for every upload alike (e.g. 401, or 5xx through every retry).</exception>
    public virtual Task<IReadOnlyList<UploadWaitResult>> WaitForCompletionAsync(IEnumerable<Upload> uploads, TimeSpan timeout, IProgress<Upload>? progress = null, CancellationToken cancellationToken = default)
    {
        if (uploads is null)
        {
            throw new ArgumentNullException(nameof(uploads));
        }

        var states = uploads.Select(upload => upload is null
            ? throw new ArgumentException("The uploads cannot contain null.", nameof(uploads))
            : new UploadWaitState(upload.Id, upload)).ToList();
        return WaitAllAsync(states, timeout, progress, pollFirst: false, cancellationToken);
    }

    private async Task<IReadOnlyList<UploadWaitResult>> WaitAllAsync(
        IReadOnlyList<UploadWaitState> states, TimeSpan timeout, IProgress<Upload>? progress, bool pollFirst, CancellationToken cancellationToken)
    {
        var unbounded = timeout == Timeout.InfiniteTimeSpan;
        if (timeout < TimeSpan.Zero && !unbounded)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout cannot be negative (Timeout.InfiniteTimeSpan waits without bound).");
        }

        RequireDistinctIds(states);
        var start = _clock.SteadyNow;
        var deadline = unbounded || timeout >= DateTimeOffset.MaxValue - start ? DateTimeOffset.MaxValue : start + timeout;
        var round = new UploadPollRound(this, progress, ReadNewestPageAsync);
        var interval = _pollInterval;

        // Not the pipeline's retry: each round reads new states until all are finished; failed reads retry inside it.
        for (var first = true; ; first = false)
        {
            if (!first || !pollFirst)
            {
                if (states.All(state => state.IsFinished))
                {
                    break;
                }

                var remaining = deadline - _clock.SteadyNow;
                if (remaining <= TimeSpan.Zero)
                {
                    break;
                }

                await _clock.Delay(interval < remaining ? interval : remaining, cancellationToken).ConfigureAwait(false);
                interval = NextPollInterval(interval);
            }

            await round.PollAsync(states.Where(state => !state.IsFinished).ToList(), cancellationToken).ConfigureAwait(false);
            if (states.All(state => state.IsFinished) || _clock.SteadyNow >= deadline)
            {
                break;
            }
        }

        return states.Select(state => state.ToResult()).ToList();
    }

    private static void RequireDistinctIds(IEnumerable<UploadWaitState> states)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var state in states)
        {
            RequireUploadId(state.Id);
            if (!seen.Add(state.Id))
            {
                throw new ArgumentException($"Upload {state.Id} is listed twice.", "uploadIds");
            }
        }
    }

    private TimeSpan NextPollInterval(TimeSpan interval)
    {
        var grown = TimeSpan.FromTicks((long)(interval.Ticks * 1.5));
        return grown < _maxPollInterval ? grown : _maxPollInterval;
    }
}
