using System;
using System.IO;
using Microsoft.Build.Utilities;

namespace Mapbox.Uploads.Build.Tests;

/// <summary>
/// What the no-op fast path knows of a file without reading it follows the content, also when the data is a link
/// (git-annex links each file into its object store; DVC and hand-made layouts link directories).
/// </summary>
public sealed class FileFactsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mbx-facts", Guid.NewGuid().ToString("N"));

    public FileFactsTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void A_file_link_reports_its_final_target_and_re_pointing_it_is_never_taken_as_unchanged()
    {
        var a = Write("annex/a.geojson", "{\"a\":1}");
        var b = Write("annex/b.geojson", "{\"b\":2}");
        File.SetLastWriteTimeUtc(b, File.GetLastWriteTimeUtc(a));
        var link = Path.Combine(_directory, "roads.geojson");
        File.CreateSymbolicLink(link, Path.Combine("annex", "a.geojson"));

        var facts = FileFacts.Of(link)!.Value;

        Assert.Equal((new FileInfo(a).Length, new FileInfo(a).FullName), (facts.Length, facts.ContentPath));
        var stamp = StampOf(facts);
        Assert.True(stamp.ProvesUnchanged(FileFacts.Of(link)));

        File.Delete(link);
        File.CreateSymbolicLink(link, Path.Combine("annex", "b.geojson"));

        Assert.False(stamp.ProvesUnchanged(FileFacts.Of(link)));
    }

    [Fact]
    public void A_file_under_a_directory_link_reports_the_file_it_reaches()
    {
        var parks = Write("store/parks.geojson", "{\"type\":\"FeatureCollection\",\"features\":[]}");
        Directory.CreateSymbolicLink(Path.Combine(_directory, "linked"), "store");

        var facts = FileFacts.Of(Path.Combine(_directory, "linked", "parks.geojson"))!.Value;

        Assert.Equal(new FileInfo(parks).Length, facts.Length);
        Assert.Equal(File.GetLastWriteTimeUtc(parks), facts.LastWriteUtc);
    }

    [Fact]
    public void A_file_newer_than_its_stamp_minus_the_granularity_is_not_proven_unchanged()
    {
        var roads = Write("roads.geojson", "{}");
        var facts = FileFacts.Of(roads)!.Value;

        Assert.False(StampOf(facts, writtenAfter: StampStore.TimestampGranularity).ProvesUnchanged(FileFacts.Of(roads)));
        Assert.True(StampOf(facts, writtenAfter: StampStore.TimestampGranularity + TimeSpan.FromSeconds(1)).ProvesUnchanged(FileFacts.Of(roads)));
    }

    private static Stamp StampOf((long Length, DateTime LastWriteUtc, string ContentPath) facts, TimeSpan? writtenAfter = null)
    {
        var item = new ItemRef(new TaskItem("roads.geojson"), "roads.geojson", TilesetId.Parse("roads", "alice"));
        var inputs = new ItemInputs("alice.roads", "alice", "https://api.mapbox.com/", new System.Collections.Generic.Dictionary<string, string>());
        var content = new ContentFingerprint("00", facts.Length, facts.LastWriteUtc, facts.ContentPath);
        var record = ItemRecord.Of(new ItemOutcome(new PipelineItem(item, inputs), ItemStatus.Succeeded, content, "u1", null, null));
        return new Stamp(record, facts.LastWriteUtc + (writtenAfter ?? TimeSpan.FromHours(1)));
    }

    private string Write(string relative, string content)
    {
        var path = Path.Combine(_directory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }
}
