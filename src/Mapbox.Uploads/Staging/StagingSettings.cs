using System;

namespace Mapbox.Uploads.Staging;

internal sealed class StagingSettings
{
    public StagingSettings(long multipartThreshold, long? partSize, int maxConcurrentParts, Uri? endpoint)
    {
        MultipartThreshold = multipartThreshold;
        PartSize = partSize;
        MaxConcurrentParts = maxConcurrentParts;
        Endpoint = endpoint;
    }

    public long MultipartThreshold { get; }

    public long? PartSize { get; }

    public int MaxConcurrentParts { get; }

    public Uri? Endpoint { get; }
}
