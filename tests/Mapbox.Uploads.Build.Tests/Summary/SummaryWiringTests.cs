using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Build.Tests.Infrastructure;
using Mapbox.Uploads.Emulator;
using Microsoft.Build.Framework;

namespace Mapbox.Uploads.Build.Tests.Summary;

/// <summary>The task's results reach the table at the end of its log and the CI systems' summaries.</summary>
public sealed class SummaryWiringTests : IAsyncLifetime, IDisposable
{
    private readonly TaskHarness _harness = new();
    private EmulatorServer _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromMilliseconds(100), RateLimitPerMinute = 0 });
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = _emulator.MintToken("cityworks");
        _harness.Write("roads.geojson", SampleData.RoadsGeoJson);
        _harness.Item("roads.geojson", "roads");
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void The_table_of_results_ends_the_log_at_high_importance()
    {
        var (succeeded, engine, task) = _harness.Run(_emulator.BaseUrl.ToString());

        Assert.True(succeeded, engine.AllText);
        var uploadId = TaskHarness.Metadata(task, "roads.geojson", "UploadId");
        var high = engine.MessagesAt(MessageImportance.High).ToList();
        Assert.Equal($"1 tileset: 1 Succeeded. Processed {ProcessingEstimate.Format(SampleData.RoadsGeoJson.Length)} (as Mapbox reported).", high[^1]);
        var row = Assert.Single(high, line => line.StartsWith("cityworks.roads ", StringComparison.Ordinal));
        Assert.Contains(" Succeeded ", row, StringComparison.Ordinal);
        Assert.Contains(uploadId, row, StringComparison.Ordinal);
        Assert.Contains(" s ", row, StringComparison.Ordinal);
        Assert.EndsWith($" B  {ProcessingEstimate.Format(SampleData.RoadsGeoJson.Length)}  -", row, StringComparison.Ordinal);
    }

    [Fact]
    public void GitHub_and_Azure_get_the_markdown_summary_and_Azure_its_attach_command()
    {
        var stepSummary = Path.Combine(_harness.Directory, "step-summary.md");
        var azureSummary = Path.Combine(_harness.Directory, "obj", "mapbox-uploads-summary.md");
        _harness.Environment["GITHUB_STEP_SUMMARY"] = stepSummary;
        _harness.Environment["TF_BUILD"] = "True";
        _harness.Configure = task => task.SummaryPath = azureSummary;

        var (succeeded, engine, task) = _harness.Run(_emulator.BaseUrl.ToString());

        Assert.True(succeeded, engine.AllText);
        var uploadId = TaskHarness.Metadata(task, "roads.geojson", "UploadId");
        foreach (var markdown in new[] { File.ReadAllText(stepSummary), File.ReadAllText(azureSummary) })
        {
            Assert.Contains("| [cityworks.roads](https://studio.mapbox.com/tilesets/cityworks.roads/) | " + Path.Combine(_harness.Directory, "roads.geojson"), markdown, StringComparison.Ordinal);
            Assert.Contains(uploadId, markdown, StringComparison.Ordinal);
        }

        Assert.Contains("##vso[task.uploadsummary]" + azureSummary, engine.MessagesAt(MessageImportance.High));
        Assert.Contains(task.WrittenFiles, file => file.ItemSpec == azureSummary);
    }

    [Fact]
    public void A_failure_is_a_row_with_its_code()
    {
        _harness.Write("broken.geojson", "{ \"type\": \"FeatureCollection\", \"features\": [ oops ] }");
        _harness.Item("broken.geojson", "broken");

        var (succeeded, engine, _) = _harness.Run(_emulator.BaseUrl.ToString());

        Assert.False(succeeded);
        var high = engine.MessagesAt(MessageImportance.High).ToList();
        Assert.Contains(high, line => line.StartsWith("cityworks.broken ", StringComparison.Ordinal) && line.Contains("Failed MBX3", StringComparison.Ordinal));
        Assert.Contains(high, line => line.StartsWith("cityworks.roads ", StringComparison.Ordinal) && line.Contains("Pending", StringComparison.Ordinal));
    }
}
