namespace Mapbox.Uploads;

/// <summary>Filters and order of <see cref="TilesetsClient.ListTilesetsAsync"/>; null members are not sent.</summary>
public sealed class ListTilesetsOptions
{
    /// <summary><c>vector</c> or <c>raster</c>.</summary>
    public string? Type { get; set; }

    /// <summary><c>public</c> or <c>private</c>.</summary>
    public string? Visibility { get; set; }

    /// <summary><c>created</c> or <c>modified</c>.</summary>
    public string? SortBy { get; set; }

    /// <summary>Page size, 1 to 500 (<see cref="TilesetsClient.MaxPageSize"/>); paging continues to the last page either way.</summary>
    public int? Limit { get; set; }
}
