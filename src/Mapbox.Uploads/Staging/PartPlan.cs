using System;

namespace Mapbox.Uploads.Staging;

/// <summary>How a file is cut into multipart parts: equal parts of <see cref="PartSize"/>, the last one shorter.</summary>
internal readonly struct PartPlan
{
    public PartPlan(long totalBytes, long partSize)
    {
        TotalBytes = totalBytes;
        PartSize = partSize;
        PartCount = totalBytes == 0 ? 1 : (int)((totalBytes + partSize - 1) / partSize);
    }

    public long TotalBytes { get; }

    public long PartSize { get; }

    public int PartCount { get; }

    public long OffsetOf(int partIndex) => partIndex * PartSize;

    public long LengthOf(int partIndex)
    {
        if (partIndex < 0 || partIndex >= PartCount)
        {
            throw new ArgumentOutOfRangeException(nameof(partIndex));
        }

        return Math.Min(PartSize, TotalBytes - OffsetOf(partIndex));
    }
}
