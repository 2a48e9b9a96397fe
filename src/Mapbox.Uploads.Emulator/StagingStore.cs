using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace Mapbox.Uploads.Emulator;

/// <summary>The emulated S3 bucket: issued temporary credentials, staged objects and open multipart uploads.</summary>
internal sealed class StagingStore(string bucket, TimeProvider clock, TimeSpan? credentialLifetime)
{
    private readonly object _gate = new();
    private readonly Dictionary<string, IssuedCredentials> _credentialsByAccessKeyId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IssuedCredentials> _credentialsByUrl = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Bucket, string Key), StagedObject> _objects = [];
    private readonly Dictionary<string, MultipartUpload> _multipartUploads = new(StringComparer.Ordinal);

    public string Bucket => bucket;

    public IssuedCredentials Issue(string username, Uri baseUrl)
    {
        var key = $"_pending/{username}/{RandomText.LowercaseId(25)}";
        var issued = new IssuedCredentials(
            username,
            RandomText.AccessKeyId(),
            RandomText.SecretAccessKey(),
            RandomText.SessionToken(),
            bucket,
            key,
            $"{baseUrl}{bucket}/{key}",
            clock.GetUtcNow() + credentialLifetime);
        lock (_gate)
        {
            _credentialsByAccessKeyId.Add(issued.AccessKeyId, issued);
            _credentialsByUrl.Add(issued.Url, issued);
        }
        return issued;
    }

    public IReadOnlyList<IssuedStagingCredentials> IssuedCredentials()
    {
        lock (_gate)
        {
            return _credentialsByUrl.Values
                .Select(issued => new IssuedStagingCredentials(issued.AccessKeyId, issued.SecretAccessKey, issued.SessionToken, issued.Bucket, issued.Key))
                .ToList();
        }
    }

    public bool HasExpired(IssuedCredentials issued) => clock.GetUtcNow() >= issued.ExpiresAt;

    public IssuedCredentials? FindByAccessKeyId(string accessKeyId)
    {
        lock (_gate)
        {
            return _credentialsByAccessKeyId.GetValueOrDefault(accessKeyId);
        }
    }

    /// <summary>The object behind a url this store handed to <paramref name="username"/>, if it was staged.</summary>
    public StagedObject? FindStagedByUrl(string username, string url)
    {
        lock (_gate)
        {
            return _credentialsByUrl.TryGetValue(url, out var issued) && issued.Username == username
                ? _objects.GetValueOrDefault((issued.Bucket, issued.Key))
                : null;
        }
    }

    /// <summary>Whether this store handed <paramref name="url"/> to <paramref name="username"/>, wherever it was staged.</summary>
    public bool IssuedTo(string username, string url)
    {
        lock (_gate)
        {
            return _credentialsByUrl.TryGetValue(url, out var issued) && issued.Username == username;
        }
    }

    public StagedObject? FindObject(string objectBucket, string key)
    {
        lock (_gate)
        {
            return _objects.GetValueOrDefault((objectBucket, key));
        }
    }

    public StagedObject Put(string objectBucket, string key, ReadOnlyMemory<byte> content)
    {
        var staged = new StagedObject(content, QuotedMd5(content.Span));
        lock (_gate)
        {
            _objects[(objectBucket, key)] = staged;
        }
        return staged;
    }

    public string CreateMultipartUpload(string objectBucket, string key)
    {
        var uploadId = RandomText.Base64Url(64);
        lock (_gate)
        {
            _multipartUploads.Add(uploadId, new MultipartUpload(objectBucket, key));
        }
        return uploadId;
    }

    public MultipartUpload? FindMultipartUpload(string objectBucket, string key, string uploadId)
    {
        lock (_gate)
        {
            return _multipartUploads.TryGetValue(uploadId, out var upload) && upload.Bucket == objectBucket && upload.Key == key
                ? upload
                : null;
        }
    }

    public StagedPart PutPart(MultipartUpload upload, int partNumber, ReadOnlyMemory<byte> content)
    {
        var part = new StagedPart(partNumber, content, QuotedMd5(content.Span));
        lock (_gate)
        {
            upload.Parts[partNumber] = part;
        }
        return part;
    }

    public IReadOnlyList<StagedPart> ListParts(MultipartUpload upload)
    {
        lock (_gate)
        {
            return upload.Parts.Values.OrderBy(part => part.PartNumber).ToList();
        }
    }

    /// <summary>Joins the chosen parts into the object; the caller has checked them against <see cref="ListParts"/>.</summary>
    public StagedObject Complete(string uploadId, MultipartUpload upload, IReadOnlyList<StagedPart> parts)
    {
        var content = new byte[parts.Sum(part => (long)part.Content.Length)];
        var offset = 0;
        var partDigests = new byte[parts.Count * MD5.HashSizeInBytes];
        for (var index = 0; index < parts.Count; index++)
        {
            parts[index].Content.Span.CopyTo(content.AsSpan(offset));
            offset += parts[index].Content.Length;
            Convert.FromHexString(parts[index].ETag.Trim('"')).CopyTo(partDigests, index * MD5.HashSizeInBytes);
        }
        // S3's multipart ETag: the MD5 of the parts' binary MD5s, then "-" and the part count.
        var etag = $"\"{Convert.ToHexStringLower(MD5.HashData(partDigests))}-{parts.Count}\"";
        var staged = new StagedObject(content, etag);
        lock (_gate)
        {
            _objects[(upload.Bucket, upload.Key)] = staged;
            _multipartUploads.Remove(uploadId);
        }
        return staged;
    }

    public bool Abort(string uploadId)
    {
        lock (_gate)
        {
            return _multipartUploads.Remove(uploadId);
        }
    }

    public IReadOnlyCollection<string> OpenMultipartUploadIds()
    {
        lock (_gate)
        {
            return _multipartUploads.Keys.ToList();
        }
    }

    public int OpenMultipartUploadsOfExpiredCredentials()
    {
        lock (_gate)
        {
            var expiredKeys = _credentialsByUrl.Values.Where(HasExpired).Select(issued => (issued.Bucket, issued.Key)).ToHashSet();
            return _multipartUploads.Values.Count(upload => expiredKeys.Contains((upload.Bucket, upload.Key)));
        }
    }

    private static string QuotedMd5(ReadOnlySpan<byte> content) => $"\"{Convert.ToHexStringLower(MD5.HashData(content))}\"";
}

/// <summary>One set of temporary S3 credentials the emulator handed out, secrets included (for leak searches in tests).</summary>
/// <param name="AccessKeyId">The access key id (<c>ASIA...</c>).</param>
/// <param name="SecretAccessKey">The secret access key.</param>
/// <param name="SessionToken">The session token.</param>
/// <param name="Bucket">The bucket named.</param>
/// <param name="Key">The staging key named.</param>
public sealed record IssuedStagingCredentials(string AccessKeyId, string SecretAccessKey, string SessionToken, string Bucket, string Key)
{
    /// <summary>
    /// Names the object and the access key id, never the secret or the session token: the record's generated text
    /// would print both into a failed assertion's message and so into the test log.
    /// </summary>
    /// <returns>The staging address and the access key id.</returns>
    public override string ToString() => $"s3://{Bucket}/{Key} (access key {AccessKeyId}, secret ***, session token ***)";
}

internal sealed record IssuedCredentials(
    string Username, string AccessKeyId, string SecretAccessKey, string SessionToken, string Bucket, string Key, string Url, DateTimeOffset? ExpiresAt);

internal sealed record StagedObject(ReadOnlyMemory<byte> Content, string ETag);

internal sealed record StagedPart(int PartNumber, ReadOnlyMemory<byte> Content, string ETag);

internal sealed record MultipartUpload(string Bucket, string Key)
{
    public Dictionary<int, StagedPart> Parts { get; } = [];
}
