namespace Mapbox.Uploads.Validation;

/// <summary>The one table of the Tiling Service's limits on a tileset source.</summary>
public static class TilesetSourceLimits
{
    /// <summary>The most files one source holds.</summary>
    public const int MaxFiles = 10;

    /// <summary>The largest file, 20 GB.</summary>
    public const long MaxFileBytes = 20L * 1024 * 1024 * 1024;

    /// <summary>The largest source, all files together, 50 GB.</summary>
    public const long MaxSourceBytes = 50L * 1024 * 1024 * 1024;

    /// <summary>The longest source id.</summary>
    public const int MaxIdLength = 32;

    /// <summary>The scheme and path every source URI in a recipe starts with, before <c>{user}/{id}</c>.</summary>
    public const string UriPrefix = "mapbox://tileset-source/";
}
