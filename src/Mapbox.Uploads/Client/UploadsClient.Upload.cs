using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Http;
using Mapbox.Uploads.Staging;

namespace Mapbox.Uploads;

public partial class UploadsClient
{
    // Fresh credentials and a restart for a staging S3 refused as a whole (credentials expired, a part that kept
    // failing); bounded, since credentials that expire before one file is through would expire again.
    private const int StagingAttempts = 3;

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
    /// <exception cref="FileChangedException">The bytes read while staging were not the bytes checked; nothing was created.</exception>
    public virtual async Task<Upload> UploadAsync(string filePath, TilesetId tileset, UploadOptions? options = null, IProgress<StagingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new UploadOptions();
        if (TilesetId.CheckName(options.Name) is { } nameProblem)
        {
            throw new ArgumentException(nameProblem, nameof(options));
        }

        var checkedFile = options.CheckedFile ?? (options.Validate
            // The checks hash and tag the content in the same read, so staging can prove it sends what was checked.
            ? Validation.UploadFileValidator.Check(filePath, new Validation.UploadFileValidationOptions { ComputeSha256 = options.ExpectedSha256 is null }, cancellationToken)
            : null);
        var expectedSha256 = ExpectedSha256(options, checkedFile);

        StagedFile staged;
        using (var source = StagingSource.OpenFile(filePath, expectedSha256, checkedFile?.Tags))
        {
            staged = await StageWithFreshCredentialsAsync(source, progress, cancellationToken).ConfigureAwait(false);
        }

        var request = new UploadRequest(tileset, staged.Url)
        {
            Name = options.Name,
            Patch = options.Patch,
            BypassValidation = options.BypassValidation,
        };
        return await SendCreateAsync(request, _whileTilesetBusy, cancellationToken).ConfigureAwait(false);
    }

    private static string? ExpectedSha256(UploadOptions options, Validation.FileValidationResult? checkedFile)
    {
        if (options.CheckedFile is { } given && (!given.IsValid || given.ContentSha256 is null))
        {
            throw new ArgumentException("CheckedFile must be a passing check made with ComputeSha256 on.", nameof(options));
        }

        if (options.ExpectedSha256 is { } expected && checkedFile?.ContentSha256 is { } checkedSha256
            && !string.Equals(expected, checkedSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"ExpectedSha256 {expected} is not the SHA-256 of CheckedFile ({checkedSha256}).", nameof(options));
        }

        return options.ExpectedSha256 ?? checkedFile?.ContentSha256;
    }

    private async Task<StagedFile> StageWithFreshCredentialsAsync(StagingSource source, IProgress<StagingProgress>? progress, CancellationToken cancellationToken)
    {
        // Not the pipeline's retry: this repeats a whole staging, with new credentials, not one request.
        for (var attempt = 1; ; attempt++)
        {
            var credentials = await RequestCredentialsAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await _stager.StageAsync(credentials, source, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (StagingException ex) when (ex.IsRetryable && attempt < StagingAttempts)
            {
                // The stager aborted its multipart upload (S3 refuses even that once credentials have expired: the
                // bucket's lifecycle rule removes such leftovers); the next attempt reads the source from its start.
            }
        }
    }

    /// <summary>Creates the upload; with <paramref name="whileBusy"/>, the pipeline retries while the tileset still processes another upload.</summary>
    private Task<Upload> SendCreateAsync(UploadRequest request, PatientRetry? whileBusy, CancellationToken cancellationToken) =>
        _pipeline.SendAsync(
            UploadsOperations.Create,
            () => new HttpRequestMessage(HttpMethod.Post, _urls.Uploads()) { Content = ApiJson.CreateBody(request) },
            (response, ct) => ApiJson.ReadAsync<Upload>(UploadsOperations.Create, response, ct),
            failure => ApiErrors.From(UploadsOperations.Create, failure),
            cancellationToken,
            whileBusy);
}
