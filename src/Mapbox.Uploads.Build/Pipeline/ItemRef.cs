using System.IO;
using System.Text;
using Mapbox.Uploads.Validation;
using Microsoft.Build.Framework;

namespace Mapbox.Uploads.Build;

/// <summary>
/// What every pipeline's item has: the MSBuild item, its data file and the tileset it publishes to. The pair of file
/// and tileset is the item's identity: one file in two tilesets is two items with two stamps. A Tiling Service
/// source file's <see cref="Tileset"/> is its source id under the account (<c>owner.id</c>), which keys its stamp;
/// <see cref="IsTilesetSource"/> tells the summaries that it names a source, not a tileset.
/// </summary>
internal sealed record ItemRef(ITaskItem Source, string FullPath, TilesetId Tileset, bool IsTilesetSource = false)
{
    /// <summary>Windows paths differ in case between Visual Studio and a command line; they name the same file.</summary>
    internal static readonly bool PathsIgnoreCase = Path.DirectorySeparatorChar == '\\';

    /// <summary>The item as the project spells it, for messages.</summary>
    public string Spec => Source.ItemSpec;

    /// <summary>The stamp's file name: readable, and unique per file and tileset.</summary>
    public string StampFileName(bool pathsIgnoreCase)
    {
        var path = pathsIgnoreCase ? FullPath.ToUpperInvariant() : FullPath;
        var hash = ContentHash.Of(Encoding.UTF8.GetBytes(path + "\n" + Tileset));
        return $"{Path.GetFileName(FullPath)}.{hash.Substring(0, 12)}.json";
    }
}
