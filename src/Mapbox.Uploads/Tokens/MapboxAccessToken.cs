using System;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Mapbox.Uploads.Tokens;

namespace Mapbox.Uploads;

/// <summary>
/// A Mapbox access token (<c>pk.</c>, <c>sk.</c> or <c>tk.</c>). The raw value never leaves this type
/// except to go on the wire: <see cref="ToString"/> shows only the kind and the username.
/// </summary>
public sealed class MapboxAccessToken
{
    /// <summary>The environment variable read by <see cref="FromEnvironment"/> by default.</summary>
    public const string DefaultEnvironmentVariable = "MAPBOX_ACCESS_TOKEN";

    /// <summary>The variable read when <see cref="DefaultEnvironmentVariable"/> is unset (the Python SDK reads it too).</summary>
    public const string FallbackEnvironmentVariable = "MapboxAccessToken";

    private MapboxAccessToken(string value, string kind, string username)
    {
        Value = value;
        Kind = kind;
        Username = username;
    }

    /// <summary>The account the token belongs to (the payload's <c>u</c>).</summary>
    public string Username { get; }

    /// <summary>The token's prefix: <c>pk</c> (public), <c>sk</c> (secret) or <c>tk</c> (temporary).</summary>
    public string Kind { get; }

    internal string Value { get; }

    /// <summary>Parses a token.</summary>
    /// <param name="value">The token text; surrounding white space is ignored.</param>
    /// <returns>The token.</returns>
    /// <exception cref="InvalidMapboxTokenException">The value is not a Mapbox token; the message does not repeat it.</exception>
    public static MapboxAccessToken Parse(string value)
    {
        if (value is null)
        {
            throw new ArgumentNullException(nameof(value));
        }

        return TryParse(value, out var token, out var reason) ? token : throw new InvalidMapboxTokenException(reason);
    }

    /// <summary>Parses a token without throwing.</summary>
    /// <param name="value">The token text; surrounding white space is ignored.</param>
    /// <param name="token">The token when the method returns true.</param>
    /// <returns>True when <paramref name="value"/> is a Mapbox token with a username.</returns>
    public static bool TryParse(string? value, [NotNullWhen(true)] out MapboxAccessToken? token) =>
        TryParse(value, out token, out _);

    /// <summary>
    /// Reads the token from an environment variable. With the default variable, <c>MapboxAccessToken</c>
    /// is read when <c>MAPBOX_ACCESS_TOKEN</c> is unset or blank.
    /// </summary>
    /// <param name="variable">The variable to read.</param>
    /// <returns>The token, or null when the variable is unset or blank.</returns>
    /// <exception cref="InvalidMapboxTokenException">The variable is set but does not hold a Mapbox token.</exception>
    public static MapboxAccessToken? FromEnvironment(string variable = DefaultEnvironmentVariable)
    {
        if (string.IsNullOrWhiteSpace(variable))
        {
            throw new ArgumentException("An environment variable name is required.", nameof(variable));
        }

        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value) && variable == DefaultEnvironmentVariable)
        {
            value = Environment.GetEnvironmentVariable(FallbackEnvironmentVariable);
        }

        return string.IsNullOrWhiteSpace(value) ? null : Parse(value!);
    }

    /// <summary>Shows the kind and username, never the secret, e.g. <c>sk.*** (alice)</c>.</summary>
    /// <returns>A display form safe for logs.</returns>
    public override string ToString() => $"{Kind}.*** ({Username})";

    private static bool TryParse(string? value, [NotNullWhen(true)] out MapboxAccessToken? token, out InvalidMapboxTokenReason reason)
    {
        token = null;
        reason = InvalidMapboxTokenReason.Malformed;
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return false;
        }

        var parts = trimmed!.Split('.');
        if (parts.Length != 3 || parts[1].Length == 0 || parts[2].Length == 0 || !IsKnownKind(parts[0]))
        {
            return false;
        }

        var isJsonObject = false;
        var username = string.Empty;
        if (!Base64Url.TryDecode(parts[1], out var payload) || !TryReadUsername(payload, out username, out isJsonObject))
        {
            if (isJsonObject)
            {
                reason = InvalidMapboxTokenReason.MissingUsername;
            }

            return false;
        }

        token = new MapboxAccessToken(trimmed, parts[0], username);
        return true;
    }

    private static bool IsKnownKind(string prefix) => prefix is "pk" or "sk" or "tk";

    private static bool TryReadUsername(byte[] payload, out string username, out bool isJsonObject)
    {
        username = string.Empty;
        isJsonObject = false;
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            isJsonObject = true;
            if (document.RootElement.TryGetProperty("u", out var u) && u.ValueKind == JsonValueKind.String)
            {
                username = u.GetString() ?? string.Empty;
            }

            return username.Trim().Length > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
