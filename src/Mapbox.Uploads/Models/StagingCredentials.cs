using System;

namespace Mapbox.Uploads;

/// <summary>
/// Temporary AWS credentials (us-east-1) for writing one object, from the credentials call.
/// <see cref="ToString"/> hides the secret and the session token.
/// </summary>
public sealed class StagingCredentials
{
    /// <summary>Creates credentials, e.g. for staging to a test S3.</summary>
    /// <param name="accessKeyId">The temporary access key id.</param>
    /// <param name="secretAccessKey">The secret access key.</param>
    /// <param name="sessionToken">The session token (sent as <c>x-amz-security-token</c>).</param>
    /// <param name="bucket">The bucket to write to.</param>
    /// <param name="key">The object key to write.</param>
    /// <param name="url">The object's address, which create takes.</param>
    public StagingCredentials(string accessKeyId, string secretAccessKey, string sessionToken, string bucket, string key, string url)
    {
        AccessKeyId = Require(accessKeyId, nameof(accessKeyId));
        SecretAccessKey = Require(secretAccessKey, nameof(secretAccessKey));
        SessionToken = sessionToken ?? string.Empty;
        Bucket = Require(bucket, nameof(bucket));
        Key = Require(key, nameof(key));
        Url = Require(url, nameof(url));
    }

    /// <summary>The temporary access key id.</summary>
    public string AccessKeyId { get; }

    /// <summary>The secret access key; never logged.</summary>
    public string SecretAccessKey { get; }

    /// <summary>The session token; never logged. Empty for long-lived keys.</summary>
    public string SessionToken { get; }

    /// <summary>The bucket to write to.</summary>
    public string Bucket { get; }

    /// <summary>The object key, <c>_pending/{username}/{random}</c> on Mapbox.</summary>
    public string Key { get; }

    /// <summary>The staged object's address; what create takes.</summary>
    public string Url { get; }

    /// <summary>Shows the bucket, key and access key id, never the secret or session token.</summary>
    /// <returns>A display form safe for logs.</returns>
    public override string ToString() => $"s3://{Bucket}/{Key} (access key {AccessKeyId}, secret ***, session token ***)";

    private static string Require(string value, string name) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException($"'{name}' is required.", name) : value;
}
