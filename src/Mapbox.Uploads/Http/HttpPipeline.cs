using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Http;

/// <summary>
/// Sends one logical request with the retry policy: a fresh <see cref="HttpRequestMessage"/> (and body)
/// per attempt, 429 waits for the reset, 5xx and dropped connections back off, other statuses return at once.
/// With a pacer, every attempt first waits for its turn within the account's request budget.
/// </summary>
internal sealed class HttpPipeline
{
    private const int MaxErrorBodyChars = 16 * 1024;

    private readonly HttpClient _http;
    private readonly RetryOptions _retry;
    private readonly Action<RequestLogEntry>? _log;
    private readonly RequestPacer? _pacer;

    public HttpPipeline(HttpClient http, RetryOptions retry, Action<RequestLogEntry>? log, Clock clock, RequestPacer? pacer = null)
    {
        _pacer = pacer;
        _http = http;
        _retry = retry;
        _log = log;
        Clock = clock;
    }

    /// <summary>The clock its waits, durations and rate-limit resets are read from; the client's one clock.</summary>
    public Clock Clock { get; }

    /// <summary>The same pipeline paced by another budget: services that limit each endpoint class on its own get one pacer per class.</summary>
    public HttpPipeline WithPacer(RequestPacer? pacer) => new(_http, _retry, _log, Clock, pacer);

    public async Task<T> SendAsync<T>(
        string operation,
        Func<HttpRequestMessage> createRequest,
        Func<HttpResponseMessage, CancellationToken, Task<T>> readSuccess,
        Func<FailedResponse, Exception> toException,
        CancellationToken cancellationToken,
        PatientRetry? patience = null)
    {
        var started = Clock.SteadyNow;
        var patientWait = patience?.FirstWait ?? TimeSpan.Zero;
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var isLastAttempt = attempt >= _retry.MaxAttempts;
            if (_pacer is not null)
            {
                await _pacer.WaitTurnAsync(cancellationToken).ConfigureAwait(false);
            }

            using var request = createRequest();
            var sentAt = Clock.SteadyNow;
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ChangedFile(ex) is { } changed)
            {
                // The body's file is no longer what its caller checked: another attempt would send other data.
                Log(operation, request, null, Clock.SteadyNow - sentAt, attempt, changed);
                throw changed;
            }
            catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
            {
                Log(operation, request, null, Clock.SteadyNow - sentAt, attempt, ex);
                if (isLastAttempt)
                {
                    throw toException(new FailedResponse(0, null, WithoutSecrets(ex), isRetryable: true, attempt, null));
                }

                await Clock.Delay(RetryDelays.Backoff(_retry, attempt), cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
            {
                _pacer?.Observe(response.Headers);
                Log(operation, request, (int)response.StatusCode, Clock.SteadyNow - sentAt, attempt, null);
                var status = (int)response.StatusCode;
                if (status is >= 200 and < 300)
                {
                    try
                    {
                        return await readSuccess(response, cancellationToken).ConfigureAwait(false);
                    }
                    catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
                    {
                        if (isLastAttempt)
                        {
                            throw toException(new FailedResponse(0, null, WithoutSecrets(ex), isRetryable: true, attempt, null));
                        }

                        await Clock.Delay(RetryDelays.Backoff(_retry, attempt), cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                }

                var body = await ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
                var isRetryable = status == 429 || status >= 500;
                TimeSpan? rateLimitWait = status == 429 ? RetryDelays.RateLimitWait(response.Headers, Clock.UtcNow) : null;
                var wait = rateLimitWait ?? RetryDelays.Backoff(_retry, attempt);
                if (!isRetryable || isLastAttempt || rateLimitWait > _retry.MaxRateLimitWait)
                {
                    var failure = toException(new FailedResponse(status, body, null, isRetryable, attempt, rateLimitWait));
                    if (patience is null || !patience.Allows(failure, Clock.SteadyNow - started, patientWait))
                    {
                        throw failure;
                    }

                    await Clock.Delay(patientWait, cancellationToken).ConfigureAwait(false);
                    patientWait = patience.NextWait(patientWait);
                    attempt = 0;
                    continue;
                }

                if (rateLimitWait is { } serviceWait)
                {
                    _pacer?.AnnounceServiceWait(serviceWait);
                }

                await Clock.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The <see cref="FileChangedException"/> a request body threw, which HttpClient wraps as a copy failure.</summary>
    private static FileChangedException? ChangedFile(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is FileChangedException changed)
            {
                return changed;
            }
        }

        return null;
    }

    private static bool IsTransportFailure(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException or IOException ||
        (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>
    /// The failure becomes the public <see cref="Exception.InnerException"/>, whose text loggers and callers read on its
    /// own, past the outer exception's redacted ToString(). HttpClient names only host and port, but a handler further
    /// down (a proxy, a caller's DelegatingHandler) may quote the request URI: such a failure is rebuilt, of the same
    /// kind, with its message redacted; any other is kept as it is, stack trace and inner exceptions included.
    /// </summary>
    private static Exception WithoutSecrets(Exception failure)
    {
        var text = failure.ToString();
        if (Redaction.Text(text) == text)
        {
            return failure;
        }

        var message = Redaction.Text(failure.Message);
        return failure switch
        {
            OperationCanceledException => new TaskCanceledException(message),
            IOException => new IOException(message),
            _ => new HttpRequestException(message),
        };
    }

    private static async Task<string?> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await ResponseText.ReadAsync(response, cancellationToken).ConfigureAwait(false);
            return text.Length > MaxErrorBodyChars ? text.Substring(0, MaxErrorBodyChars) : text;
        }
        catch (Exception ex) when (IsTransportFailure(ex, cancellationToken))
        {
            return null;
        }
    }

    private void Log(string operation, HttpRequestMessage request, int? status, TimeSpan duration, int attempt, Exception? failure)
    {
        if (_log is null)
        {
            return;
        }

        var url = request.RequestUri is null ? string.Empty : Redaction.Url(request.RequestUri);
        var error = failure is null ? null : Redaction.Text($"{failure.GetType().Name}: {failure.Message}");
        _log(new RequestLogEntry(operation, request.Method.Method, url, status, duration, attempt, error));
    }
}
