using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Staging;

namespace Mapbox.Uploads;

public partial class UploadsClient
{
    // One retry with fresh credentials: enough for expired credentials or a part that kept failing.
    private const int StagingAttempts = 2;

    /// <summary>
    /// Validates a file, stages it (fresh credentials per attempt) and creates the upload, retrying create while the
    /// tileset still has an upload processing. Does not wait for processing: see <see cref="WaitForCompletionAsync(string, TimeSpan, IProgress{Upload}?, CancellationToken)"/>.
    /// </summary>
    /// <param name="filePath">The file to upload.</param>
    /// <param name="tileset">The tileset to create or replace.</param>
    /// <param name="options">Name, flags and validation.</param>
    /// <param name="progress">Receives staging progress in bytes S3 acknowledged.</param>
    /// <param name="cancellationToken">Cancels the upload; a multipart staging is aborted.</param>
    /// <returns>The created upload.</returns>
    /// <exception cref="Validation.UploadFileValidationException">The file failed local validation; nothing was sent.</exception>
    /// <exception cref="MapboxApiException">An API call was refused or failed.</exception>
    /// <exception cref="StagingException">S3 refused or failed.</exception>
    public virtual async Task<Upload> UploadAsync(string filePath, TilesetId tileset, UploadOptions? options = null, IProgress<StagingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new UploadOptions();
        if (TilesetId.CheckName(options.Name) is { } nameProblem)
        {
            throw new ArgumentException(nameProblem, nameof(options));
        }

        if (options.Validate)
        {
            Validation.UploadFileValidator.EnsureValid(filePath);
        }

        var source = StagingSource.ForFile(filePath);
        var staged = await StageWithFreshCredentialsAsync(source, progress, cancellationToken).ConfigureAwait(false);
        if (options.ExpectedSha256 is { } expected)
        {
            // Interim: re-reads the file after staging; staging will hash the bytes it streams instead.
            using var file = File.OpenRead(filePath);
            var actual = Validation.ContentHash.Of(file, cancellationToken);
            if (!string.Equals(actual, expected, StringComparison.Ordinal))
            {
                throw new FileChangedException(filePath, expected, actual, $"The file {filePath} changed while it was being uploaded.");
            }
        }

        var request = new UploadRequest(tileset, staged.Url)
        {
            Name = options.Name,
            Patch = options.Patch,
            BypassValidation = options.BypassValidation,
        };
        return await CreateWhenNotBusyAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<StagedFile> StageWithFreshCredentialsAsync(StagingSource source, IProgress<StagingProgress>? progress, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var credentials = await RequestCredentialsAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await _stager.StageAsync(credentials, source, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (StagingException ex) when (ex.IsRetryable && attempt < StagingAttempts)
            {
            }
        }
    }

    private async Task<Upload> CreateWhenNotBusyAsync(UploadRequest request, CancellationToken cancellationToken)
    {
        var elapsed = Stopwatch.StartNew();
        var interval = _pollInterval;
        while (true)
        {
            try
            {
                return await CreateAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (MapboxApiException ex) when (ex.IsTilesetBusy && elapsed.Elapsed + interval <= _busyRetryTimeout)
            {
                await _pipeline.Delay(interval, cancellationToken).ConfigureAwait(false);
                interval = NextPollInterval(interval);
            }
        }
    }
}
