using System;

namespace Mapbox.Uploads;

/// <summary>Options of <see cref="UploadsClient.ListAsync"/>.</summary>
public sealed class ListUploadsOptions
{
    /// <summary>The largest page the service serves.</summary>
    public const int MaxLimit = 100;

    private int? _limit;

    /// <summary>Page size, 1 to 100; null lets the service choose. Paging continues until the last page either way.</summary>
    public int? Limit
    {
        get => _limit;
        set => _limit = value is null or (>= 1 and <= MaxLimit)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"The page size must be 1 to {MaxLimit}.");
    }

    /// <summary>Oldest first instead of newest first.</summary>
    public bool Reverse { get; set; }
}
