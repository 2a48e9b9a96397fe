using System;

namespace Mapbox.Uploads;

/// <summary>Options of <see cref="UploadsClient.ListAsync"/>.</summary>
public sealed class ListUploadsOptions
{
    /// <summary>The largest page the service serves.</summary>
    public const int MaxPageSize = 100;

    private int? _pageSize;

    /// <summary>
    /// How many uploads each request fetches, 1 to 100; null lets the service choose. It is not a cap: the
    /// listing follows every page to the last, so stop the enumeration (or use LINQ's <c>Take</c>) to read fewer.
    /// </summary>
    public int? PageSize
    {
        get => _pageSize;
        set => _pageSize = value is null or (>= 1 and <= MaxPageSize)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"The page size must be 1 to {MaxPageSize}.");
    }

    /// <summary>Oldest first instead of newest first.</summary>
    public bool Reverse { get; set; }
}
