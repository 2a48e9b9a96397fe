using System.IO;
using Microsoft.Build.Utilities;

namespace Mapbox.Uploads.Build.Tests;

/// <summary>Where an item's stamp lives: one per data file and tileset, whatever spelling of its path a host passes.</summary>
public sealed class UploadStampTests
{
    private static readonly StampStore Stamps = new(Path.Combine(Path.GetTempPath(), "stamps"));
    private static readonly TilesetId Roads = TilesetId.Parse("roads", "alice");

    [Fact]
    public void On_case_insensitive_file_systems_two_spellings_of_one_path_share_a_stamp()
    {
        var visualStudio = Stamps.PathFor(Item(@"C:\Repo\Data\Roads.geojson", Roads), pathsIgnoreCase: true);
        var commandLine = Stamps.PathFor(Item(@"c:\repo\data\roads.geojson", Roads), pathsIgnoreCase: true);

        Assert.Equal(HashPart(visualStudio), HashPart(commandLine));
    }

    [Fact]
    public void On_case_sensitive_file_systems_two_spellings_are_two_files_with_two_stamps()
    {
        var upper = Stamps.PathFor(Item("/repo/data/Roads.geojson", Roads), pathsIgnoreCase: false);
        var lower = Stamps.PathFor(Item("/repo/data/roads.geojson", Roads), pathsIgnoreCase: false);

        Assert.NotEqual(HashPart(upper), HashPart(lower));
    }

    [Fact]
    public void Different_files_of_the_same_name_in_different_folders_get_different_stamps()
    {
        Assert.NotEqual(
            Stamps.PathFor(Item("/repo/a/roads.geojson", Roads), pathsIgnoreCase: false),
            Stamps.PathFor(Item("/repo/b/roads.geojson", Roads), pathsIgnoreCase: false));
    }

    [Fact]
    public void One_file_in_two_tilesets_gets_two_stamps()
    {
        Assert.NotEqual(
            Stamps.PathFor(Item("/repo/roads.geojson", TilesetId.Parse("roads-public", "alice")), pathsIgnoreCase: false),
            Stamps.PathFor(Item("/repo/roads.geojson", TilesetId.Parse("roads-internal", "alice")), pathsIgnoreCase: false));
    }

    private static ItemRef Item(string path, TilesetId tileset) => new(new TaskItem(path), path, tileset);

    /// <summary>The hash in "roads.geojson.0123456789ab.json".</summary>
    private static string HashPart(string stampPath)
    {
        var name = Path.GetFileNameWithoutExtension(stampPath);
        return name.Substring(name.LastIndexOf('.') + 1);
    }
}
