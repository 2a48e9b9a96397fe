using System;

namespace Mapbox.Uploads;

/// <summary>Staging progress in bytes the S3 server acknowledged, never bytes read from disk.</summary>
public sealed class StagingProgress
{
    /// <summary>Creates a progress report.</summary>
    /// <param name="bytesAcknowledged">Bytes the server has confirmed.</param>
    /// <param name="totalBytes">Bytes to send in all.</param>
    public StagingProgress(long bytesAcknowledged, long totalBytes)
    {
        BytesAcknowledged = bytesAcknowledged;
        TotalBytes = totalBytes;
    }

    /// <summary>Bytes the server has confirmed (a 200 to the PUT or to a part).</summary>
    public long BytesAcknowledged { get; }

    /// <summary>Bytes to send in all.</summary>
    public long TotalBytes { get; }

    /// <summary>The acknowledged share, 0 to 1 (1 for an empty file).</summary>
    public double Fraction => TotalBytes == 0 ? 1 : (double)BytesAcknowledged / TotalBytes;

    /// <summary>A display form.</summary>
    /// <returns>Acknowledged of total bytes.</returns>
    public override string ToString() => FormattableString.Invariant($"{BytesAcknowledged}/{TotalBytes} bytes ({Fraction:0%})");
}
