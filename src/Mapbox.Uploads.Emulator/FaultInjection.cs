using System;
using System.Buffers;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Mapbox.Uploads.Emulator;

/// <summary>Applies <see cref="FaultRules"/> before a request reaches its route.</summary>
internal static class FaultInjection
{
    public const string DroppedItem = "Mapbox.Uploads.Emulator.Dropped";

    public static async Task ApplyAsync(HttpContext context, RequestDelegate next, FaultRules faults, EmulatorOptions options)
    {
        var route = context.GetEndpoint()?.Metadata.GetMetadata<RouteTag>()?.Route ?? EmulatorRoute.Unknown;
        var decision = faults.Decide(route, context.Request.Method);
        if (decision.Delay > TimeSpan.Zero)
        {
            context.Items[FaultRules.InjectedFaultItem] = FaultKind.Latency;
            await Task.Delay(decision.Delay, context.RequestAborted);
        }
        var rule = decision.Outcome;
        if (rule is null)
        {
            await next(context);
            return;
        }
        context.Items[FaultRules.InjectedFaultItem] = rule.Kind;
        var isS3 = route == EmulatorRoute.S3;
        switch (rule.Kind)
        {
            case FaultKind.ServerError when isS3:
                var (s3Code, s3Message) = rule.StatusCode switch
                {
                    503 => ("ServiceUnavailable", "Please reduce your request rate."),
                    < 500 => ("InvalidRequest", "The request was refused."),
                    _ => ("InternalError", "We encountered an internal error. Please try again."),
                };
                await S3Responses.Error(rule.StatusCode, s3Code, s3Message).ExecuteAsync(context);
                break;
            case FaultKind.ServerError:
                await ApiRoutes.Message(rule.StatusCode, ApiMessages.ServerError(rule.StatusCode)).ExecuteAsync(context);
                break;
            case FaultKind.RateLimited when isS3:
                await S3Responses.Error(503, "SlowDown", "Please reduce your request rate.").ExecuteAsync(context);
                break;
            case FaultKind.RateLimited:
                RateLimiter.WriteHeaders(context.Response, options.RateLimitPerMinute, options.RateLimitWindow, options.TimeProvider.GetUtcNow() + rule.RateLimitReset);
                await ApiRoutes.Message(StatusCodes.Status429TooManyRequests, ApiMessages.TooManyRequests).ExecuteAsync(context);
                break;
            case FaultKind.DropConnection:
                await ReadSomeOfTheBodyAsync(context, rule.DropAfterBytes);
                context.Items[DroppedItem] = true;
                context.Abort();
                break;
        }
    }

    private static async Task ReadSomeOfTheBodyAsync(HttpContext context, long count)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (count > 0)
            {
                var read = await context.Request.Body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), context.RequestAborted);
                if (read == 0)
                {
                    return;
                }
                count -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
