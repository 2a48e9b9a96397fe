using System.IO;
using System.Linq;
using System.Text;

namespace Mapbox.Uploads.Package.Tests.Infrastructure;

/// <summary>
/// Large valid GeoJSON written at disk speed: a FeatureCollection of one point feature repeated, carrying the given
/// name. Two names of the same length give files of the same length that differ in every feature.
/// </summary>
public static class BigGeoJson
{
    public const long MiB = 1024 * 1024;

    private const int FeaturesPerBlock = 1024;

    /// <summary>
    /// Writes a FeatureCollection of at least <paramref name="minimumBytes"/> over the file in place: an existing file
    /// is not truncated first, so a same-length rewrite never shows a reader a shorter file. Returns the length.
    /// </summary>
    public static long Write(string path, long minimumBytes, string name)
    {
        var feature = $"{{\"type\":\"Feature\",\"properties\":{{\"name\":\"{name}\"}},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[12.329,51.343]}}}}";
        var block = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("," + feature, FeaturesPerBlock)));
        using var file = new FileStream(path.EnsureDirectory(), FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite);
        file.Write(Encoding.ASCII.GetBytes("{\"type\":\"FeatureCollection\",\"features\":[" + feature));
        while (file.Position < minimumBytes)
        {
            file.Write(block);
        }

        file.Write("]}"u8);
        file.SetLength(file.Position);
        return file.Length;
    }
}
