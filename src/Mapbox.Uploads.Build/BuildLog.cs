using System;
using System.Text.RegularExpressions;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Mapbox.Uploads.Build;

/// <summary>
/// Serialises the task's log calls (tilesets run in parallel) and scrubs every line of the token, a
/// second line of defence behind the client's own redaction.
/// </summary>
internal sealed class BuildLog
{
    private static readonly Regex TokenInQuery = new("(access_token=)[^&\\s\"']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    private static readonly Regex TokenShape = new("\\b([ps]k|tk)\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}", RegexOptions.CultureInvariant);

    private readonly TaskLoggingHelper _log;
    private readonly object _gate = new();
    private string? _secret;

    public BuildLog(TaskLoggingHelper log) => _log = log;

    /// <summary>The raw token, so that no line can carry it even if a lower layer slipped.</summary>
    public void AddSecret(string secret) => _secret = secret.Trim();

    public void High(string message) => Message(MessageImportance.High, message);

    public void Normal(string message) => Message(MessageImportance.Normal, message);

    public void Low(string message) => Message(MessageImportance.Low, message);

    public void Error(ErrorCode code, string message, string? file = null, int line = 0, int column = 0)
    {
        lock (_gate)
        {
            _log.LogError(null, code.Code, null, null, file, line, column, 0, 0, Redact(Compose(code, message)));
        }
    }

    public void Warning(ErrorCode code, string message, string? file = null, int line = 0, int column = 0)
    {
        lock (_gate)
        {
            _log.LogWarning(null, code.Code, null, null, file, line, column, 0, 0, Redact(Compose(code, message)));
        }
    }

    public string Redact(string text)
    {
        var secret = _secret;
        if (!string.IsNullOrEmpty(secret))
        {
            text = text.Replace(secret, "***");
        }

        text = TokenInQuery.Replace(text, "$1***");
        return TokenShape.Replace(text, "$1.***");
    }

    private void Message(MessageImportance importance, string message)
    {
        lock (_gate)
        {
            _log.LogMessage(importance, Redact(message));
        }
    }

    private static string Compose(ErrorCode code, string message) =>
        message.EndsWith(".", StringComparison.Ordinal) ? $"{message} {code.Help}" : $"{message}. {code.Help}";
}
