using System.IO;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Build.Framework;

namespace Mapbox.Uploads.Build;

/// <summary>
/// What every pipeline's item has: the MSBuild item, its data file and the tileset it publishes to. The pair of file
/// and tileset is the item's identity: one file in two tilesets is two items with two stamps.
/// </summary>
internal sealed record ItemRef(ITaskItem Source, string FullPath, TilesetId Tileset)
{
    /// <summary>Windows paths differ in case between Visual Studio and a command line; they name the same file.</summary>
    internal static readonly bool PathsIgnoreCase = Path.DirectorySeparatorChar == '\\';

    /// <summary>The item as the project spells it, for messages.</summary>
    public string Spec => Source.ItemSpec;

    /// <summary>The stamp's file name: readable, and unique per file and tileset.</summary>
    public string StampFileName(bool pathsIgnoreCase)
    {
        var path = pathsIgnoreCase ? FullPath.ToUpperInvariant() : FullPath;
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(path + "\n" + Tileset));
        var text = new StringBuilder();
        for (var i = 0; i < 6; i++)
        {
            text.Append(hash[i].ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return $"{Path.GetFileName(FullPath)}.{text}.json";
    }
}
