using System;
using System.Linq;
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

    // Shorter values are not a token (or any part of one worth hiding) but may be ordinary text:
    // scrubbing a malformed "x" would turn every "Mapbox" in a message into "Mapbo***".
    private const int MinimumSecretLength = 8;

    private readonly TaskLoggingHelper _log;
    private readonly object _gate = new();
    private string[] _secrets = Array.Empty<string>();

    public BuildLog(TaskLoggingHelper log) => _log = log;

    /// <summary>
    /// The raw token, so that no line can carry it even if a lower layer slipped: the whole value and each of its
    /// dot-separated parts, longest first, each only when it has at least <see cref="MinimumSecretLength"/> characters.
    /// </summary>
    public void AddSecret(string secret)
    {
        var trimmed = secret.Trim();
        _secrets = new[] { trimmed }
            .Concat(trimmed.Split('.'))
            .Where(part => part.Length >= MinimumSecretLength)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(part => part.Length)
            .ToArray();
    }

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
        foreach (var secret in _secrets)
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
