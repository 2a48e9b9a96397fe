namespace Mapbox.Uploads;

/// <summary>A file written to the staging bucket, ready for <see cref="UploadsClient.CreateAsync"/>.</summary>
public sealed class StagedFile
{
    /// <summary>Describes a staged object.</summary>
    /// <param name="url">The address create takes (the credentials' <c>url</c>).</param>
    /// <param name="bucket">The bucket.</param>
    /// <param name="key">The object key.</param>
    /// <param name="size">The bytes written.</param>
    /// <param name="partCount">The parts of a multipart upload, or 0 for a single PUT.</param>
    public StagedFile(string url, string bucket, string key, long size, int partCount)
    {
        Url = url;
        Bucket = bucket;
        Key = key;
        Size = size;
        PartCount = partCount;
    }

    /// <summary>The address create takes.</summary>
    public string Url { get; }

    /// <summary>The bucket.</summary>
    public string Bucket { get; }

    /// <summary>The object key.</summary>
    public string Key { get; }

    /// <summary>The bytes written.</summary>
    public long Size { get; }

    /// <summary>The parts of a multipart upload, or 0 when one PUT sufficed.</summary>
    public int PartCount { get; }

    /// <summary>A display form.</summary>
    /// <returns>Bucket, key and size.</returns>
    public override string ToString() => $"s3://{Bucket}/{Key} ({Size} bytes{(PartCount > 0 ? $", {PartCount} parts" : string.Empty)})";
}
