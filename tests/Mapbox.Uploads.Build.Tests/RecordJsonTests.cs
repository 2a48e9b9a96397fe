using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Microsoft.Build.Utilities;

namespace Mapbox.Uploads.Build.Tests;

/// <summary>Stamps and the manifest keep their format: what earlier versions wrote still reads, and a record reads back whole.</summary>
public sealed class RecordJsonTests
{
    /// <summary>A stamp exactly as the 0.x versions wrote it through JsonSerializer (camelCase, statuses by name).</summary>
    private const string EarlierStamp = """
        {
          "file": "/repo/data/roads.geojson",
          "tileset": "alice.roads",
          "account": "alice",
          "apiUrl": "https://api.mapbox.com/",
          "parameters": { "name": "City roads" },
          "contentHash": "4b3461ceae053f4003ea32dde63c7c26f00b411b6c5d5e1028e5cd9597b98b12",
          "length": 151,
          "lastWriteUtc": "2026-11-30T09:17:42.2901981Z",
          "contentPath": "/repo/data/roads.geojson",
          "uploadId": "cq7zcek732l5h5815aw3d1c95",
          "status": "Skipped",
          "errorCode": null,
          "job": null,
          "skipped": true
        }
        """;

    [Fact]
    public void A_stamp_written_by_an_earlier_version_reads_with_every_field()
    {
        var record = RecordJson.DeserializeRecord(Encoding.UTF8.GetBytes(EarlierStamp));

        Assert.Equal(("/repo/data/roads.geojson", "alice.roads", "alice", "https://api.mapbox.com/"), (record.File, record.Tileset, record.Account, record.ApiUrl));
        Assert.Equal("City roads", record.Parameters["name"]);
        Assert.Equal(("4b3461ceae053f4003ea32dde63c7c26f00b411b6c5d5e1028e5cd9597b98b12", 151L, "/repo/data/roads.geojson"), (record.ContentHash, record.Length, record.ContentPath));
        Assert.Equal(new DateTime(2026, 11, 30, 9, 17, 42, DateTimeKind.Utc).AddTicks(2901981), record.LastWriteUtc);
        Assert.Equal(DateTimeKind.Utc, record.LastWriteUtc.Kind);
        Assert.Equal(("cq7zcek732l5h5815aw3d1c95", ItemStatus.Skipped, (string?)null, (JobFigures?)null), (record.UploadId, record.Status, record.ErrorCode, record.Job));
    }

    [Fact]
    public void A_record_with_a_job_reads_back_as_written_and_keeps_the_earlier_layout()
    {
        using var stats = JsonDocument.Parse("""{"roads":{"features":12,"geometry":{"LineString":12}}}""");
        var record = new ItemRecord("/repo/recipes/roads.json", "alice.roads", "alice", "https://api.mapbox.com/",
            new Dictionary<string, string> { ["name"] = "Roads", ["private"] = "true" }, "ab12", 42, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            "/repo/recipes/roads.json", null, ItemStatus.Failed, "MBX6002",
            new JobFigures("job1", "failed", new Dictionary<string, double> { ["1m"] = 0.25 }, stats.RootElement.Clone(), 2048));

        var json = RecordJson.Serialize(record);
        var back = RecordJson.DeserializeRecord(json);

        Assert.Equal(record with { Parameters = back.Parameters, Job = back.Job }, back);
        Assert.Equal(record.Parameters, back.Parameters);
        Assert.Equal(("job1", "failed", 0.25, 2048L), (back.Job!.JobId, back.Job.Stage, back.Job.TilesetPrecisions!["1m"], back.Job.Filesize));
        Assert.Equal(stats.RootElement.GetRawText(), back.Job.LayerStats!.Value.GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal));
        var keys = new List<string>();
        foreach (var property in JsonDocument.Parse(json).RootElement.EnumerateObject())
        {
            keys.Add(property.Name);
        }

        Assert.Equal(["file", "tileset", "account", "apiUrl", "parameters", "contentHash", "length", "lastWriteUtc", "contentPath", "uploadId", "status", "errorCode", "job", "processedBytes", "processedMegabytes", "computeUnits", "skipped"], keys);
    }

    [Fact]
    public void A_record_of_an_item_that_failed_its_checks_writes_no_time_and_reads_back_without_content()
    {
        var record = new ItemRecord("/repo/data/stops.csv", "alice.stops", "alice", "https://api.mapbox.com/",
            new Dictionary<string, string>(), null, 0, default, null, null, ItemStatus.Failed, "MBX3011");

        var json = RecordJson.Serialize(record);

        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(json).RootElement.GetProperty("lastWriteUtc").ValueKind);
        var back = RecordJson.DeserializeRecord(json);
        Assert.Equal((ItemStatus.Failed, "MBX3011", (ContentFingerprint?)null), (back.Status, back.ErrorCode, back.Content));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"status":"Exploded"}""")]
    [InlineData("[1,2]")]
    [InlineData("""{"tileset":"alice.roads","account":"alice","apiUrl":"x","parameters":{},"length":"long","status":"Succeeded"}""")]
    [InlineData("""{"tileset":"alice.roads","account":"alice","apiUrl":"x","parameters":{},"lastWriteUtc":"yesterday","status":"Succeeded"}""")]
    public void A_stamp_that_is_not_a_record_proves_nothing(string text)
    {
        var directory = Path.Combine(Path.GetTempPath(), "mbx-record-" + Guid.NewGuid().ToString("N"));
        try
        {
            var stamps = new StampStore(directory);
            var item = new ItemRef(new TaskItem("roads.geojson"), Path.Combine(directory, "roads.geojson"), TilesetId.Parse("roads", "alice"));
            Directory.CreateDirectory(directory);
            File.WriteAllText(stamps.PathFor(item), text);

            Assert.Null(stamps.Read(item));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
