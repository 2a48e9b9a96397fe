using System;
using System.Text.Json;

namespace Mapbox.Uploads.Http;

/// <summary>Turns a failed API call into a <see cref="MapboxApiException"/> that says what to do.</summary>
internal static class ApiErrors
{
    private const int MaxQuotedBodyChars = 300;

    private static readonly string[] MessageProperties = { "message", "error" };

    public static MapboxApiException From(string operation, FailedResponse failure)
    {
        if (failure.StatusCode == 0)
        {
            return NoResponse("Mapbox Uploads API", operation, failure);
        }

        var serviceMessage = ServiceMessage(failure.Body);
        var kind = ApiFailures.Classify(operation, failure.StatusCode, serviceMessage);
        var message = $"Mapbox Uploads API {operation} failed: HTTP {failure.StatusCode}"
            + (serviceMessage is null ? string.Empty : $" \"{serviceMessage}\"")
            + $". {ApiFailures.Advice(operation, kind, failure)}";
        var isRetryable = failure.IsRetryable || kind == MapboxApiFailure.TilesetBusy;
        return new MapboxApiException(operation, failure.StatusCode, serviceMessage, isRetryable, message);
    }

    /// <summary>A call of <paramref name="service"/> that got no answer at all, after every attempt: retryable, with its cause.</summary>
    public static MapboxApiException NoResponse(string service, string operation, FailedResponse failure)
    {
        var cause = failure.TransportFailure is null ? "no response" : $"{failure.TransportFailure.GetType().Name}: {failure.TransportFailure.Message}";
        return new MapboxApiException(
            operation,
            0,
            null,
            isRetryable: true,
            $"{service} {operation} failed after {failure.Attempts} attempt(s) without a response ({cause}). Check the network and try again.",
            failure.TransportFailure);
    }

    public static string? ServiceMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body!);
            // The Tiling Service words some refusals (a changeset over its limits) as {"error": ...} instead.
            foreach (var name in MessageProperties)
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object &&
                    document.RootElement.TryGetProperty(name, out var message) &&
                    message.ValueKind == JsonValueKind.String)
                {
                    return message.GetString();
                }
            }
        }
        catch (JsonException)
        {
        }

        var trimmed = body!.Trim();
        return trimmed.Length > MaxQuotedBodyChars ? trimmed.Substring(0, MaxQuotedBodyChars) + "..." : trimmed;
    }
}
