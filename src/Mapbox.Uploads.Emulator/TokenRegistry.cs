using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Mapbox.Uploads.Emulator;

/// <summary>Mints real-looking tokens and remembers which scopes each one carries.</summary>
internal sealed class TokenRegistry
{
    public static readonly string[] UploadScopes = ["uploads:read", "uploads:write", "uploads:list"];

    // Public tokens (pk.) can only carry public scopes; any secret scope makes a secret token (sk.).
    private static readonly HashSet<string> PublicScopes = ["styles:tiles", "styles:read", "fonts:read", "datasets:read", "vision:read"];

    private readonly ConcurrentDictionary<string, MintedToken> _tokens = new(StringComparer.Ordinal);

    public string Mint(string username, IReadOnlyCollection<string> scopes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(username);
        var grantedScopes = scopes.Count == 0 ? UploadScopes : scopes.ToArray();
        var kind = grantedScopes.All(PublicScopes.Contains) ? "pk" : "sk";
        // The payload is plain ASCII JSON, whose base64 never uses '+' or '/', so decoders that are
        // not url-safe (the JS SDK's) read it too, as they read real tokens.
        var payload = JsonSerializer.SerializeToUtf8Bytes(new { u = username, a = RandomText.LowercaseId(25) });
        var token = $"{kind}.{Base64UrlWithoutPadding(payload)}.{RandomText.Base64Url(22)}";
        _tokens[token] = new MintedToken(username, new HashSet<string>(grantedScopes, StringComparer.Ordinal));
        return token;
    }

    public void Revoke(string token) => _tokens.TryRemove(token, out _);

    public bool TryGet(string? token, out MintedToken minted)
    {
        minted = default!;
        return token is not null && _tokens.TryGetValue(token, out minted!);
    }

    private static string Base64UrlWithoutPadding(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal sealed record MintedToken(string Username, IReadOnlySet<string> Scopes);
}
