using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Staging;

/// <summary>
/// AWS Signature Version 4 for S3 in us-east-1, header style. The payload is declared <c>UNSIGNED-PAYLOAD</c>
/// so bodies stream from disk instead of being hashed (and held) first.
/// </summary>
internal static class SigV4Signer
{
    public const string Region = "us-east-1";
    public const string Service = "s3";
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Adds <c>x-amz-*</c>, <c>Host</c> and <c>Authorization</c> headers to a request.</summary>
    /// <param name="request">The request; its url's path must be the encoded <paramref name="canonicalPath"/>.</param>
    /// <param name="canonicalPath">The SigV4-encoded path exactly as sent.</param>
    /// <param name="query">The query parameters, unencoded; a null value is a bare key such as <c>uploads</c>.</param>
    /// <param name="credentials">The credentials.</param>
    /// <param name="now">The signing time.</param>
    /// <param name="amzHeaders">Further <c>x-amz-*</c> headers (lowercase names) to send and sign, such as a checksum.</param>
    public static void Sign(
        HttpRequestMessage request,
        string canonicalPath,
        IReadOnlyList<KeyValuePair<string, string?>> query,
        StagingCredentials credentials,
        DateTimeOffset now,
        IReadOnlyList<KeyValuePair<string, string>>? amzHeaders = null)
    {
        var url = request.RequestUri!;
        var host = url.IsDefaultPort ? url.Host : url.Host + ":" + url.Port.ToString(CultureInfo.InvariantCulture);
        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate.Substring(0, 8);

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = host,
            ["x-amz-content-sha256"] = UnsignedPayload,
            ["x-amz-date"] = amzDate,
        };
        if (credentials.SessionToken.Length > 0)
        {
            headers["x-amz-security-token"] = credentials.SessionToken;
        }

        foreach (var header in amzHeaders ?? Array.Empty<KeyValuePair<string, string>>())
        {
            headers[header.Key] = header.Value;
        }

        var signedHeaders = string.Join(";", headers.Keys);
        var canonicalRequest = string.Join(
            "\n",
            request.Method.Method,
            canonicalPath,
            CanonicalQuery(query),
            string.Concat(headers.Select(h => h.Key + ":" + h.Value.Trim() + "\n")),
            signedHeaders,
            UnsignedPayload);

        var scope = $"{date}/{Region}/{Service}/aws4_request";
        var stringToSign = string.Join("\n", Algorithm, amzDate, scope, ContentHash.Of(Encoding.UTF8.GetBytes(canonicalRequest)));
        var signature = ContentHash.Hex(Hmac(SigningKey(credentials.SecretAccessKey, date), stringToSign));

        request.Headers.Host = host;
        foreach (var header in headers.Where(h => h.Key != "host"))
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"{Algorithm} Credential={credentials.AccessKeyId}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    /// <summary>The query as sent: keys in ordinal order, <c>key=value</c> encoded, a bare key written without <c>=</c>.</summary>
    public static string QueryString(IReadOnlyList<KeyValuePair<string, string?>> query) =>
        string.Join("&", Sorted(query).Select(p => S3PathEncoding.EncodeComponent(p.Key) + (p.Value is null ? string.Empty : "=" + S3PathEncoding.EncodeComponent(p.Value))));

    internal static string CanonicalQuery(IReadOnlyList<KeyValuePair<string, string?>> query) =>
        string.Join("&", Sorted(query).Select(p => S3PathEncoding.EncodeComponent(p.Key) + "=" + S3PathEncoding.EncodeComponent(p.Value ?? string.Empty)));

    internal static byte[] SigningKey(string secretAccessKey, string date)
    {
        var dateKey = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), date);
        var regionKey = Hmac(dateKey, Region);
        var serviceKey = Hmac(regionKey, Service);
        return Hmac(serviceKey, "aws4_request");
    }

    private static IEnumerable<KeyValuePair<string, string?>> Sorted(IReadOnlyList<KeyValuePair<string, string?>> query) =>
        query.OrderBy(p => S3PathEncoding.EncodeComponent(p.Key), StringComparer.Ordinal)
            .ThenBy(p => S3PathEncoding.EncodeComponent(p.Value ?? string.Empty), StringComparer.Ordinal);

    private static byte[] Hmac(byte[] key, string data)
    {
        using var hmac = new HMACSHA256(key);
        return hmac.ComputeHash(Encoding.UTF8.GetBytes(data));
    }
}
