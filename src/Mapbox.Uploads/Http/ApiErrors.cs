using System;
using System.Text.Json;

namespace Mapbox.Uploads.Http;

/// <summary>Turns a failed API call into a <see cref="MapboxApiException"/> that says what to do.</summary>
internal static class ApiErrors
{
    private const int MaxQuotedBodyChars = 300;

    public static MapboxApiException From(string operation, FailedResponse failure)
    {
        if (failure.StatusCode == 0)
        {
            var cause = failure.TransportFailure is null ? "no response" : $"{failure.TransportFailure.GetType().Name}: {failure.TransportFailure.Message}";
            return new MapboxApiException(
                operation,
                0,
                null,
                isRetryable: true,
                $"Mapbox Uploads API {operation} failed after {failure.Attempts} attempt(s) without a response ({cause}). Check the network and try again.",
                failure.TransportFailure);
        }

        var serviceMessage = ServiceMessage(failure.Body);
        var exception = new MapboxApiException(operation, failure.StatusCode, serviceMessage, failure.IsRetryable, string.Empty);
        var busy = exception.IsTilesetBusy;
        var message = $"Mapbox Uploads API {operation} failed: HTTP {failure.StatusCode}"
            + (serviceMessage is null ? string.Empty : $" \"{serviceMessage}\"")
            + $". {Advice(operation, failure, busy)}";
        return new MapboxApiException(operation, failure.StatusCode, serviceMessage, failure.IsRetryable || busy, message);
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
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("message", out var message) &&
                message.ValueKind == JsonValueKind.String)
            {
                return message.GetString();
            }
        }
        catch (JsonException)
        {
        }

        var trimmed = body!.Trim();
        return trimmed.Length > MaxQuotedBodyChars ? trimmed.Substring(0, MaxQuotedBodyChars) + "..." : trimmed;
    }

    private static string Advice(string operation, FailedResponse failure, bool busy)
    {
        if (busy)
        {
            return "The tileset still has an upload processing; try again once it has finished.";
        }

        return failure.StatusCode switch
        {
            401 => "The access token is missing, invalid or revoked.",
            403 => $"The token needs the {ScopeOf(operation)} scope.",
            404 when operation == UploadsOperations.Credentials => $"The token needs the {ScopeOf(operation)} scope (older service versions answer 404 for it).",
            404 => "No such upload (unknown upload id, or not this account's).",
            422 => "The service refused the request's values.",
            429 when failure.RateLimitWait is { } wait => FormattableString.Invariant($"Rate limited; the limit resets in {Math.Ceiling(wait.TotalSeconds)} s, more than the client waits for."),
            429 => $"Rate limited; gave up after {failure.Attempts} attempt(s).",
            >= 500 => $"The service failed; gave up after {failure.Attempts} attempt(s).",
            _ => "The service refused the request.",
        };
    }

    private static string ScopeOf(string operation) => operation switch
    {
        UploadsOperations.Status => "uploads:read",
        UploadsOperations.List => "uploads:list",
        _ => "uploads:write",
    };
}
