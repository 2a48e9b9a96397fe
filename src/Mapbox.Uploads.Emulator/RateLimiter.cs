using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// The API's per-token limit: a fixed window (one minute unless the options shorten it) that starts
/// with the token's first request. S3 requests are not counted, as S3 is not the API.
/// </summary>
internal sealed class RateLimiter(TimeProvider clock, int requestsPerMinute, TimeSpan window)
{

    private readonly object _gate = new();
    private readonly Dictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public static void WriteHeaders(HttpResponse response, int limit, TimeSpan interval, DateTimeOffset reset)
    {
        response.Headers["X-Rate-Limit-Interval"] = ((int)interval.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Rate-Limit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        // Rounded up, so a client that waits until the reset is never early.
        var resetSeconds = (reset.ToUnixTimeMilliseconds() + 999) / 1000;
        response.Headers["X-Rate-Limit-Reset"] = resetSeconds.ToString(CultureInfo.InvariantCulture);
    }

    public async Task ApplyAsync(HttpContext context, RequestDelegate next)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        var route = metadata?.GetMetadata<RouteTag>()?.Route;
        var token = QueryValues.Effective(context.Request.Query, "access_token");
        // Tiling Service routes count against their own classes (TilesetsRateLimiter), not the Uploads limit.
        if (requestsPerMinute == 0 || route is null or EmulatorRoute.S3 || string.IsNullOrEmpty(token) || metadata?.GetMetadata<TilesetsRateClass>() is not null)
        {
            await next(context);
            return;
        }
        if (await AdmitAsync(context, token))
        {
            await next(context);
        }
    }

    /// <summary>Counts the request against the token's window and writes the limit headers; answers 429 and returns false past the limit.</summary>
    public async Task<bool> AdmitAsync(HttpContext context, string token)
    {
        var (allowed, reset) = Count(token);
        WriteHeaders(context.Response, requestsPerMinute, window, reset);
        if (!allowed)
        {
            await ApiRoutes.Message(StatusCodes.Status429TooManyRequests, ApiMessages.TooManyRequests).ExecuteAsync(context);
        }
        return allowed;
    }

    private (bool Allowed, DateTimeOffset Reset) Count(string token)
    {
        var now = clock.GetUtcNow();
        lock (_gate)
        {
            if (!_windows.TryGetValue(token, out var current) || now >= current.Start + window)
            {
                current = new Window(now, 0);
            }
            var allowed = current.Count < requestsPerMinute;
            _windows[token] = allowed ? current with { Count = current.Count + 1 } : current;
            return (allowed, current.Start + window);
        }
    }

    private sealed record Window(DateTimeOffset Start, int Count);
}
