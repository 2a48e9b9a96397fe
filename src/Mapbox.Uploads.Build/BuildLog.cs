using System;
using System.Linq;
using Mapbox.Uploads.Http;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Mapbox.Uploads.Build;

/// <summary>
/// Serialises the task's log calls (tilesets run in parallel) and scrubs every line with the client's redaction.
/// The client redacts what it produces, but the task also logs lines that never pass through it: item metadata,
/// stamp and manifest I/O failures, unexpected exceptions; and only the task holds the raw variable's value, which it
/// scrubs literally so that even a token the client could not parse (or that has no token shape) never shows.
/// </summary>
internal sealed class BuildLog
{
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

    /// <summary>The user's project file: where errors and warnings without a file of their own point, rather than the package's .targets.</summary>
    public string? ProjectFile { get; set; }

    public void High(string message) => Message(MessageImportance.High, message);

    public void Normal(string message) => Message(MessageImportance.Normal, message);

    public void Low(string message) => Message(MessageImportance.Low, message);

    public void Error(ErrorCode code, string message, string? file = null, int line = 0, int column = 0)
    {
        lock (_gate)
        {
            _log.LogError(null, code.Code, null, null, file ?? ProjectFile, line, column, 0, 0, Redact(Compose(code, message)));
        }
    }

    public void Warning(ErrorCode code, string message, string? file = null, int line = 0, int column = 0)
    {
        lock (_gate)
        {
            _log.LogWarning(null, code.Code, null, null, file ?? ProjectFile, line, column, 0, 0, Redact(Compose(code, message)));
        }
    }

    public string Redact(string text) => Redaction.Text(text, _secrets);

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
