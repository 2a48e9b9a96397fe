using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads;

/// <summary>
/// One poll of a batch wait: the newest page of the list for all pending uploads (one request), then status reads for
/// those not on it. Remembers a refused list (403 for a token without <c>uploads:list</c>, or any other non-retryable answer), so it costs one request only.
/// </summary>
internal sealed class UploadPollRound
{
    private readonly UploadsClient _client;
    private readonly IProgress<Upload>? _progress;
    private readonly Func<CancellationToken, Task<Upload[]>> _readNewestPage;
    private bool _listRefused;

    public UploadPollRound(UploadsClient client, IProgress<Upload>? progress, Func<CancellationToken, Task<Upload[]>> readNewestPage)
    {
        _client = client;
        _progress = progress;
        _readNewestPage = readNewestPage;
    }

    public async Task PollAsync(IReadOnlyList<UploadWaitState> pending, CancellationToken cancellationToken)
    {
        var unseen = pending;
        if (pending.Count > 1 && !_listRefused)
        {
            var page = await ReadListAsync(cancellationToken).ConfigureAwait(false);
            var byId = pending.ToDictionary(state => state.Id, StringComparer.Ordinal);
            foreach (var upload in page)
            {
                if (byId.TryGetValue(upload.Id, out var state))
                {
                    Apply(state, upload);
                    byId.Remove(upload.Id);
                }
            }

            unseen = pending.Where(state => byId.ContainsKey(state.Id)).ToList();
        }

        foreach (var state in unseen)
        {
            try
            {
                Apply(state, await _client.GetStatusAsync(state.Id, cancellationToken).ConfigureAwait(false));
            }
            catch (MapboxApiException ex) when (ex.Failure == MapboxApiFailure.NotFound)
            {
                state.Refused(ex);
            }
        }
    }

    private async Task<Upload[]> ReadListAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _readNewestPage(cancellationToken).ConfigureAwait(false);
        }
        catch (MapboxApiException ex) when (!ex.IsRetryable && ex.Failure != MapboxApiFailure.TokenRejected)
        {
            // A token without uploads:list (403), a service without the route (404, 405) or an answer that is not a
            // page: status reads still work, so the list stays a saving, never a reason to fail. A 401 fails every
            // read alike and is left to surface.
            _listRefused = true;
            return Array.Empty<Upload>();
        }
    }

    private void Apply(UploadWaitState state, Upload upload)
    {
        state.Update(upload);
        _progress?.Report(upload);
    }
}
