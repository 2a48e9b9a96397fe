using System;
using System.Text.RegularExpressions;

namespace Mapbox.Uploads.Staging;

/// <summary>
/// Where the staged object is written: an origin (<c>scheme://host[:port]</c>) and an already SigV4-encoded path.
/// Rules: an explicit endpoint gets <c>/{bucket}/{key}</c>; else an AWS virtual-hosted url (<c>{bucket}.s3.amazonaws.com</c>)
/// or any url whose path ends in <c>/{bucket}/{key}</c> is used as is; else path style on the url's host.
/// </summary>
internal sealed class ObjectAddress
{
    private ObjectAddress(string origin, string encodedPath)
    {
        Origin = origin;
        EncodedPath = encodedPath;
    }

    /// <summary><c>scheme://host[:port]</c>.</summary>
    public string Origin { get; }

    /// <summary>The object's path, SigV4-encoded, starting with <c>/</c>.</summary>
    public string EncodedPath { get; }

    public Uri ToUri() => new(Origin + EncodedPath);

    public static ObjectAddress Resolve(StagingCredentials credentials, Uri? endpoint)
    {
        var encodedBucketAndKey = "/" + S3PathEncoding.EncodeComponent(credentials.Bucket) + "/" + S3PathEncoding.EncodeKey(credentials.Key);
        if (endpoint is not null)
        {
            return new ObjectAddress(OriginOf(endpoint), EncodedPrefix(Uri.UnescapeDataString(endpoint.AbsolutePath)) + encodedBucketAndKey);
        }

        if (!Uri.TryCreate(credentials.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            throw new StagingException(0, null, false, $"The staging credentials' url '{credentials.Url}' is not an http(s) address; set UploadsClientOptions.StagingEndpoint.");
        }

        if (IsAwsVirtualHost(url.Host, credentials.Bucket))
        {
            return new ObjectAddress(OriginOf(url), "/" + S3PathEncoding.EncodeKey(credentials.Key));
        }

        var path = Uri.UnescapeDataString(url.AbsolutePath);
        var bucketAndKey = "/" + credentials.Bucket + "/" + credentials.Key;
        var prefix = path.EndsWith(bucketAndKey, StringComparison.Ordinal) ? path.Substring(0, path.Length - bucketAndKey.Length) : string.Empty;
        return new ObjectAddress(OriginOf(url), EncodedPrefix(prefix) + encodedBucketAndKey);
    }

    private static bool IsAwsVirtualHost(string host, string bucket) =>
        host.StartsWith(bucket + ".", StringComparison.OrdinalIgnoreCase) &&
        Regex.IsMatch(host.Substring(bucket.Length + 1), @"^s3([.-][a-z0-9-]+)?\.amazonaws\.com$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static string OriginOf(Uri url) => url.GetLeftPart(UriPartial.Authority);

    private static string EncodedPrefix(string unescapedPath)
    {
        var trimmed = unescapedPath.TrimEnd('/');
        return trimmed.Length == 0 ? string.Empty : S3PathEncoding.EncodeKey(trimmed.StartsWith("/", StringComparison.Ordinal) ? trimmed : "/" + trimmed);
    }
}
