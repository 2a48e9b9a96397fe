using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// The API's per-token limit: a fixed one-minute window that starts with the token's first request.
/// S3 requests are not counted, as S3 is not the API.
/// </summary>
internal sealed class RateLimiter(TimeProvider clock, int requestsPerMinute)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly object gate = new();
    private readonly Dictionary<string, Window> windows = new(StringComparer.Ordinal);

    public static void WriteHeaders(HttpResponse response, int limit, DateTimeOffset reset)
    {
        response.Headers["X-Rate-Limit-Interval"] = ((int)Interval.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Rate-Limit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        // Rounded up, so a client that waits until the reset is never early.
        var resetSeconds = (reset.ToUnixTimeMilliseconds() + 999) / 1000;
        response.Headers["X-Rate-Limit-Reset"] = resetSeconds.ToString(CultureInfo.InvariantCulture);
    }

    public async Task ApplyAsync(HttpContext context, RequestDelegate next)
    {
        var route = context.GetEndpoint()?.Metadata.GetMetadata<RouteTag>()?.Route;
        var token = QueryValues.Effective(context.Request.Query, "access_token");
        if (requestsPerMinute == 0 || route is null or EmulatorRoute.S3 || string.IsNullOrEmpty(token))
        {
            await next(context);
            return;
        }
        var (allowed, reset) = Count(token);
        WriteHeaders(context.Response, requestsPerMinute, reset);
        if (!allowed)
        {
            await ApiRoutes.Message(StatusCodes.Status429TooManyRequests, ApiMessages.TooManyRequests).ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    private (bool Allowed, DateTimeOffset Reset) Count(string token)
    {
        var now = clock.GetUtcNow();
        lock (gate)
        {
            if (!windows.TryGetValue(token, out var window) || now >= window.Start + Interval)
            {
                window = new Window(now, 0);
            }
            var allowed = window.Count < requestsPerMinute;
            windows[token] = allowed ? window with { Count = window.Count + 1 } : window;
            return (allowed, window.Start + Interval);
        }
    }

    private sealed record Window(DateTimeOffset Start, int Count);
}
