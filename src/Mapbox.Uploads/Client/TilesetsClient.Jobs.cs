using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Http;

namespace Mapbox.Uploads;

public partial class TilesetsClient
{
    /// <summary>
    /// Starts a job that builds the tileset from its recipe and sources. Publishing is limited to 2 per minute per
    /// account: beyond that, the call waits its turn (see <see cref="TilesetsClientOptions.PaceRequests"/>).
    /// </summary>
    /// <param name="tileset">The tileset.</param>
    /// <param name="cancellationToken">Cancels the call, including its wait for a turn.</param>
    /// <returns>The job's id.</returns>
    /// <exception cref="MapboxApiException">The service refused (for example with more than 5 jobs queued) or failed.</exception>
    public virtual Task<PublishedJob> PublishAsync(TilesetId tileset, CancellationToken cancellationToken = default) =>
        SendForJsonAsync<PublishedJob>(
            TilesetsOperations.Publish,
            () => new HttpRequestMessage(HttpMethod.Post, _urls.Tileset(tileset, "/publish")) { Content = TilesetsJson.Empty() },
            cancellationToken);

    /// <summary>Reads one job.</summary>
    /// <param name="tileset">The tileset the job builds.</param>
    /// <param name="jobId">The job id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The job.</returns>
    /// <exception cref="MapboxApiException">The service refused (404: no such job) or failed.</exception>
    public virtual Task<TilesetJob> GetJobAsync(TilesetId tileset, string jobId, CancellationToken cancellationToken = default)
    {
        Require(jobId, nameof(jobId), "A job id");
        return SendForJsonAsync<TilesetJob>(TilesetsOperations.GetJob, () => new HttpRequestMessage(HttpMethod.Get, _urls.Job(tileset, jobId)), cancellationToken);
    }

    /// <summary>Lists a tileset's jobs page by page, following <c>Link rel="next"</c>.</summary>
    /// <param name="tileset">The tileset.</param>
    /// <param name="stage">Only jobs in this stage (<see cref="TilesetJobStages"/>); null for all.</param>
    /// <param name="limit">Page size, 1 to 500; null lets the service choose.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The jobs, fetched lazily.</returns>
    /// <exception cref="MapboxApiException">A page request was refused or failed.</exception>
    public virtual IAsyncEnumerable<TilesetJob> ListJobsAsync(TilesetId tileset, string? stage = null, int? limit = null, CancellationToken cancellationToken = default) =>
        ReadPagesAsync<TilesetJob>(TilesetsOperations.ListJobs, _urls.Jobs(tileset, new[] { Query("stage", stage), LimitQuery(limit) }), cancellationToken);

    /// <summary>Reads the size of the service's global job queue.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The queue.</returns>
    /// <exception cref="MapboxApiException">The service refused or failed.</exception>
    public virtual Task<TilesetsQueue> GetQueueAsync(CancellationToken cancellationToken = default) =>
        SendForJsonAsync<TilesetsQueue>(
            TilesetsOperations.Queue,
            () => new HttpRequestMessage(HttpMethod.Put, _urls.Queue()) { Content = TilesetsJson.Empty() },
            cancellationToken);

    /// <summary>
    /// Reads a job until its stage is <c>success</c>, <c>failed</c> or <c>superseded</c>, waiting
    /// <see cref="TilesetsClientOptions.PollInterval"/> (growing to <see cref="TilesetsClientOptions.MaxPollInterval"/>) between reads.
    /// </summary>
    /// <param name="tileset">The tileset the job builds.</param>
    /// <param name="jobId">The job id.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <param name="progress">Told every job read.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The finished job; check <see cref="TilesetJob.Stage"/>.</returns>
    /// <exception cref="TimeoutException">The job had not finished within <paramref name="timeout"/>.</exception>
    /// <exception cref="MapboxApiException">A read was refused or failed.</exception>
    public virtual async Task<TilesetJob> WaitForJobAsync(TilesetId tileset, string jobId, TimeSpan timeout, IProgress<TilesetJob>? progress = null, CancellationToken cancellationToken = default)
    {
        var result = await WaitOneAsync(tileset, jobId, _clock.SteadyNow + timeout, progress, cancellationToken).ConfigureAwait(false);
        return result.TimedOut
            ? throw new TimeoutException($"Job {jobId} of {tileset} had not finished after {timeout} (last stage: {result.Job?.Stage ?? "unknown"}).")
            : result.Job!;
    }

    /// <summary>Waits for several jobs at once, each bounded by the same timeout from this call.</summary>
    /// <param name="jobs">The tilesets and job ids.</param>
    /// <param name="timeout">How long to wait at most.</param>
    /// <param name="progress">Told every job read.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>One result per job, in the given order; a job unfinished at the deadline is <see cref="TilesetJobWaitResult.TimedOut"/>.</returns>
    /// <exception cref="MapboxApiException">A read was refused or failed.</exception>
    public virtual async Task<IReadOnlyList<TilesetJobWaitResult>> WaitForJobsAsync(
        IEnumerable<(TilesetId Tileset, string JobId)> jobs,
        TimeSpan timeout,
        IProgress<TilesetJob>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (jobs is null)
        {
            throw new ArgumentNullException(nameof(jobs));
        }

        var deadline = _clock.SteadyNow + timeout;
        return await Task.WhenAll(jobs.Select(job => WaitOneAsync(job.Tileset, job.JobId, deadline, progress, cancellationToken))).ConfigureAwait(false);
    }

    private async Task<TilesetJobWaitResult> WaitOneAsync(TilesetId tileset, string jobId, DateTimeOffset deadline, IProgress<TilesetJob>? progress, CancellationToken cancellationToken)
    {
        var interval = _pollInterval;

        // Not the pipeline's retry: each read is new until the job is finished; failed reads retry inside it.
        while (true)
        {
            var job = await GetJobAsync(tileset, jobId, cancellationToken).ConfigureAwait(false);
            progress?.Report(job);
            if (job.IsFinished)
            {
                return new TilesetJobWaitResult(tileset, jobId, job, timedOut: false);
            }

            var left = deadline - _clock.SteadyNow;
            if (left <= TimeSpan.Zero)
            {
                return new TilesetJobWaitResult(tileset, jobId, job, timedOut: true);
            }

            await _clock.Delay(interval < left ? interval : left, cancellationToken).ConfigureAwait(false);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, _maxPollInterval.Ticks));
        }
    }
}
