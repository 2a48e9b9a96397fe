using System.IO;

namespace Mapbox.Uploads.Build.Tests;

/// <summary>Where an item's stamp lives: one per data file, whatever spelling of its path a host passes.</summary>
public sealed class UploadStampTests
{
    private static readonly string StampDirectory = Path.Combine(Path.GetTempPath(), "stamps");

    [Fact]
    public void On_case_insensitive_file_systems_two_spellings_of_one_path_share_a_stamp()
    {
        var visualStudio = UploadStamp.PathFor(StampDirectory, @"C:\Repo\Data\Roads.geojson", pathsIgnoreCase: true);
        var commandLine = UploadStamp.PathFor(StampDirectory, @"c:\repo\data\roads.geojson", pathsIgnoreCase: true);

        Assert.Equal(HashPart(visualStudio), HashPart(commandLine));
    }

    [Fact]
    public void On_case_sensitive_file_systems_two_spellings_are_two_files_with_two_stamps()
    {
        var upper = UploadStamp.PathFor(StampDirectory, "/repo/data/Roads.geojson", pathsIgnoreCase: false);
        var lower = UploadStamp.PathFor(StampDirectory, "/repo/data/roads.geojson", pathsIgnoreCase: false);

        Assert.NotEqual(HashPart(upper), HashPart(lower));
    }

    [Fact]
    public void Different_files_of_the_same_name_in_different_folders_get_different_stamps()
    {
        Assert.NotEqual(
            UploadStamp.PathFor(StampDirectory, "/repo/a/roads.geojson", pathsIgnoreCase: false),
            UploadStamp.PathFor(StampDirectory, "/repo/b/roads.geojson", pathsIgnoreCase: false));
    }

    /// <summary>The path hash in "roads.geojson.0123456789ab.json".</summary>
    private static string HashPart(string stampPath)
    {
        var name = Path.GetFileNameWithoutExtension(stampPath);
        return name.Substring(name.LastIndexOf('.') + 1);
    }
}
