using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Mapbox.Uploads.Emulator;

/// <summary>One request the emulator answered (or dropped), with its token redacted.</summary>
public sealed record RecordedRequest
{
    /// <summary>The route the request matched.</summary>
    public required EmulatorRoute Route { get; init; }

    /// <summary>The HTTP method.</summary>
    public required string Method { get; init; }

    /// <summary>The path, without the query.</summary>
    public required string Path { get; init; }

    /// <summary>The query with a leading <c>?</c> (empty when there is none) and every token value replaced by <c>***</c>.</summary>
    public required string RedactedQuery { get; init; }

    /// <summary>The status answered; 0 when the connection was dropped.</summary>
    public required int StatusCode { get; init; }

    /// <summary>The fault injected into this request, if any.</summary>
    public FaultKind? InjectedFault { get; init; }

    /// <summary>When the request arrived, by the emulator's clock.</summary>
    public DateTimeOffset ReceivedAt { get; init; }

    /// <summary>When the emulator was done with it (body read, answer written), by its clock: with <see cref="ReceivedAt"/>, how long a large body took to arrive.</summary>
    public DateTimeOffset AnsweredAt { get; init; }
}

/// <summary>Records every request after it is answered, whatever the outcome, and appends it to a file when asked to.</summary>
internal sealed class RequestLog(string? filePath, TimeProvider clock)
{
    private static readonly JsonSerializerOptions FileLineOptions = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly HashSet<string> SecretParameters = new(StringComparer.OrdinalIgnoreCase) { "access_token", "X-Amz-Security-Token", "X-Amz-Signature" };

    private readonly object _gate = new();
    private readonly List<RecordedRequest> _requests = [];

    public IReadOnlyList<RecordedRequest> Snapshot()
    {
        lock (_gate)
        {
            return _requests.ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    public async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        var receivedAt = clock.GetUtcNow();
        try
        {
            await next(context);
        }
        finally
        {
            var dropped = context.Items.ContainsKey(FaultInjection.DroppedItem) || context.RequestAborted.IsCancellationRequested;
            var entry = new RecordedRequest
            {
                Route = context.GetEndpoint()?.Metadata.GetMetadata<RouteTag>()?.Route ?? EmulatorRoute.Unknown,
                Method = context.Request.Method,
                Path = context.Request.Path.Value ?? "",
                RedactedQuery = Redact(context.Request.QueryString),
                StatusCode = dropped ? 0 : context.Response.StatusCode,
                InjectedFault = context.Items.TryGetValue(FaultRules.InjectedFaultItem, out var fault) ? (FaultKind?)fault : null,
                ReceivedAt = receivedAt,
                AnsweredAt = clock.GetUtcNow(),
            };
            lock (_gate)
            {
                _requests.Add(entry);
                if (filePath is not null)
                {
                    File.AppendAllText(filePath, JsonSerializer.Serialize(entry, FileLineOptions) + "\n");
                }
            }
        }
    }

    internal static string Redact(QueryString query)
    {
        if (!query.HasValue)
        {
            return "";
        }
        var pairs = query.Value!.TrimStart('?').Split('&').Select(pair =>
        {
            var equals = pair.IndexOf('=');
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            return equals >= 0 && SecretParameters.Contains(name) ? pair[..(equals + 1)] + "***" : pair;
        });
        return "?" + string.Join('&', pairs);
    }
}
