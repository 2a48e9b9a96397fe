using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Staging;

namespace Mapbox.Uploads;

public partial class UploadsClient
{
    /// <summary>
    /// Writes a file to the staging bucket with fresh credentials (one PUT, or multipart for big files). Credentials that
    /// expire part-way are replaced and the file staged again under the new key, a bounded number of times.
    /// </summary>
    /// <param name="filePath">The file to stage.</param>
    /// <param name="progress">Receives bytes S3 acknowledged.</param>
    /// <param name="cancellationToken">Cancels the staging; a multipart upload is aborted.</param>
    /// <returns>The staged file; pass its <see cref="StagedFile.Url"/> to <see cref="CreateAsync"/>.</returns>
    /// <exception cref="MapboxApiException">The credentials call failed.</exception>
    /// <exception cref="StagingException">S3 refused or failed.</exception>
    /// <exception cref="IOException">The file grew or shrank while it was staged.</exception>
    public virtual async Task<StagedFile> StageAsync(string filePath, IProgress<StagingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var source = StagingSource.OpenFile(filePath);
        return await StageWithFreshCredentialsAsync(source, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a stream, from its current position to its end, to the staging bucket with fresh credentials.</summary>
    /// <param name="content">A readable, seekable stream, read from its current position; the caller keeps ownership.</param>
    /// <param name="progress">Receives bytes S3 acknowledged.</param>
    /// <param name="cancellationToken">Cancels the staging; a multipart upload is aborted.</param>
    /// <returns>The staged file.</returns>
    /// <exception cref="MapboxApiException">The credentials call failed.</exception>
    /// <exception cref="StagingException">S3 refused or failed.</exception>
    public virtual async Task<StagedFile> StageAsync(Stream content, IProgress<StagingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var source = StagingSource.ForStream(content);
        return await StageWithFreshCredentialsAsync(source, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a file with credentials the caller already has (for example, to a test S3).</summary>
    /// <param name="credentials">The staging credentials.</param>
    /// <param name="filePath">The file to stage.</param>
    /// <param name="progress">Receives bytes S3 acknowledged.</param>
    /// <param name="cancellationToken">Cancels the staging; a multipart upload is aborted.</param>
    /// <returns>The staged file.</returns>
    /// <exception cref="StagingException">S3 refused or failed.</exception>
    /// <exception cref="IOException">The file grew or shrank while it was staged.</exception>
    public virtual async Task<StagedFile> StageAsync(StagingCredentials credentials, string filePath, IProgress<StagingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (credentials is null)
        {
            throw new ArgumentNullException(nameof(credentials));
        }

        using var source = StagingSource.OpenFile(filePath);
        return await StageAsync(credentials, source, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a source opened with what it is compared against (the benchmarks measure each way).</summary>
    internal Task<StagedFile> StageAsync(StagingCredentials credentials, StagingSource source, IProgress<StagingProgress>? progress, CancellationToken cancellationToken) =>
        _stager.StageAsync(credentials, source, progress, cancellationToken);

    /// <summary>Writes a stream with credentials the caller already has.</summary>
    /// <param name="credentials">The staging credentials.</param>
    /// <param name="content">A readable, seekable stream, read from its current position; the caller keeps ownership.</param>
    /// <param name="progress">Receives bytes S3 acknowledged.</param>
    /// <param name="cancellationToken">Cancels the staging; a multipart upload is aborted.</param>
    /// <returns>The staged file.</returns>
    /// <exception cref="StagingException">S3 refused or failed.</exception>
    public virtual async Task<StagedFile> StageAsync(StagingCredentials credentials, Stream content, IProgress<StagingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (credentials is null)
        {
            throw new ArgumentNullException(nameof(credentials));
        }

        using var source = StagingSource.ForStream(content);
        return await _stager.StageAsync(credentials, source, progress, cancellationToken).ConfigureAwait(false);
    }
}
