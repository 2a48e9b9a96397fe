using System;

namespace Mapbox.Uploads.Staging;

/// <summary>Chooses a part size that S3 accepts: at least 5 MiB, at most 5 GiB, at most 10,000 parts.</summary>
internal static class PartPlanner
{
    public const int MaxParts = 10_000;
    public const long MiB = 1024 * 1024;
    public const long MinPartSize = UploadsClientOptions.MinPartSize;
    public const long MaxPartSize = UploadsClientOptions.MaxPartSize;

    // boto3's default; small enough that a failed part costs little, large enough for few requests.
    public const long DefaultPartSize = 8 * MiB;

    public static PartPlan Plan(long totalBytes, long? requestedPartSize = null)
    {
        if (totalBytes < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(totalBytes), totalBytes, "A size cannot be negative.");
        }

        // Whole MiB, so every part holds whole blocks of the content's tags (ContentTags.BlockSize).
        var partSize = CeilingDivide(Math.Max(requestedPartSize ?? DefaultPartSize, MinPartSize), MiB) * MiB;
        if (CeilingDivide(totalBytes, partSize) > MaxParts)
        {
            // The smallest size in whole MiB that still fits in 10,000 parts.
            partSize = CeilingDivide(CeilingDivide(totalBytes, MaxParts), MiB) * MiB;
        }

        if (partSize > MaxPartSize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(totalBytes),
                totalBytes,
                $"{totalBytes} bytes do not fit in {MaxParts} parts of at most {MaxPartSize} bytes, the S3 limits.");
        }

        return new PartPlan(totalBytes, partSize);
    }

    private static long CeilingDivide(long value, long divisor) => (value + divisor - 1) / divisor;
}
