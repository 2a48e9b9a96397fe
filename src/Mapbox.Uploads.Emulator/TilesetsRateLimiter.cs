using System;
using System.Collections.Concurrent;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// The Tiling Service's limits, one per endpoint class and token (publish 2 a minute, source and recipe writes 100,
/// tileset writes 100, reads 3,000), each a window like the Uploads limit's, with the same headers and 429.
/// </summary>
internal sealed class TilesetsRateLimiter(EmulatorOptions options)
{
    private readonly ConcurrentDictionary<string, RateLimiter> _limiters = new(StringComparer.Ordinal);

    public async Task ApplyAsync(HttpContext context, RequestDelegate next)
    {
        var rateClass = context.GetEndpoint()?.Metadata.GetMetadata<TilesetsRateClass>();
        var token = QueryValues.Effective(context.Request.Query, "access_token");
        if (rateClass is null || rateClass.PerMinute == 0 || string.IsNullOrEmpty(token))
        {
            await next(context);
            return;
        }
        var limiter = _limiters.GetOrAdd(rateClass.Name, _ => new RateLimiter(options.TimeProvider, rateClass.PerMinute, options.RateLimitWindow));
        if (await limiter.AdmitAsync(context, token))
        {
            await next(context);
        }
    }
}
