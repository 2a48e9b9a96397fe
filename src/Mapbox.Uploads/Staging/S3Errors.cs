using System;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using Mapbox.Uploads.Http;

namespace Mapbox.Uploads.Staging;

/// <summary>
/// Turns S3 failures into <see cref="StagingException"/>. Only <c>Code</c> and <c>Message</c> are read from the error XML:
/// other elements (<c>CanonicalRequest</c>, <c>Token-0</c>) can echo the session token.
/// </summary>
internal static class S3Errors
{
    // Codes after which the same request, or the same staging with fresh credentials, may succeed.
    private static readonly string[] RetryableCodes = { "ExpiredToken", "TokenRefreshRequired", "RequestTimeout", "SlowDown", "InternalError", "ServiceUnavailable" };

    public static StagingException From(string step, FailedResponse failure, StagingCredentials credentials)
    {
        if (failure.StatusCode == 0)
        {
            var cause = failure.TransportFailure is null ? "no response" : $"{failure.TransportFailure.GetType().Name}: {failure.TransportFailure.Message}";
            return new StagingException(
                0,
                null,
                isRetryable: true,
                Scrub($"Staging to S3 failed ({step}) after {failure.Attempts} attempt(s) without a response ({cause}).", credentials),
                failure.TransportFailure);
        }

        var (code, message) = Parse(failure.Body);
        var retryable = failure.IsRetryable || (code is not null && RetryableCodes.Contains(code, StringComparer.Ordinal));
        var text = $"Staging to S3 failed ({step}): HTTP {failure.StatusCode}"
            + (code is null ? string.Empty : $" {code}")
            + (message is null ? string.Empty : $": {message.TrimEnd('.')}")
            + Advice(code);
        return new StagingException(failure.StatusCode, code, retryable, Scrub(text, credentials));
    }

    public static (string? Code, string? Message) Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        try
        {
            var root = XDocument.Parse(body!).Root;
            if (root is null || root.Name.LocalName != "Error")
            {
                return (null, null);
            }

            string? Child(string name) => root.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();
            return (Child("Code"), Child("Message"));
        }
        catch (XmlException)
        {
            return (null, null);
        }
    }

    public static string Scrub(string text, StagingCredentials credentials) =>
        Redaction.Text(text, credentials.SecretAccessKey, credentials.SessionToken);

    private static string Advice(string? code) => code switch
    {
        "SignatureDoesNotMatch" => ". The secret key does not match the access key (or the request was altered on the way).",
        "InvalidToken" or "InvalidAccessKeyId" => ". The temporary credentials were not accepted; request fresh ones.",
        "ExpiredToken" => ". The temporary credentials expired; request fresh ones.",
        "AccessDenied" => ". The credentials may not write this key.",
        _ => ".",
    };
}
