using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Mapbox.Uploads.Build.Summary;

namespace Mapbox.Uploads.Build.Tests.Summary;

public sealed class SummaryTests : IDisposable
{
    private static readonly Row Roads = new("alice.roads", "data/roads.geojson", "Succeeded", "ckroads01", TimeSpan.FromSeconds(3.14), 1_234_567, null, ProcessedBytes: 1_234_567, ComputeUnits: 0.42);
    private static readonly Row Parks = new("alice.parks", "data/parks.csv", "Failed", "ckparks02", TimeSpan.FromSeconds(75), 980, "MBX6001");
    private static readonly Row Rivers = new("alice.rivers", "data/a|b.kml", "Skipped", null, null, null, null);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mapbox-summary-" + Guid.NewGuid().ToString("N"));

    public SummaryTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void The_plain_table_lines_up_every_column_and_ends_with_the_totals()
    {
        var lines = PlainTable.Render([Roads, Parks, Rivers]);

        Assert.Equal(
            [
                "Tileset       File                Status          Upload     Duration    Size    Processed    CU",
                "------------  ------------------  --------------  ---------  ----------  ------  -----------  ----",
                "alice.roads   data/roads.geojson  Succeeded       ckroads01  3.1 s       1.2 MB  1.234567 MB  0.42",
                "alice.parks   data/parks.csv      Failed MBX6001  ckparks02  1 min 15 s  980 B   -            -",
                "alice.rivers  data/a|b.kml        Skipped         -          -           -       -            -",
                "3 tilesets: 1 Succeeded, 1 Failed, 1 Skipped. Processed 1.234567 MB, 0.42 CU (as Mapbox reported).",
            ],
            lines);
    }

    [Fact]
    public void Totals_name_items_and_tilesets_when_a_tileset_has_several_rows()
    {
        var source = Rivers with { File = "data/rivers.geojsonl", IsTilesetSource = true };
        var recipe = Rivers with { File = "recipes/rivers.json" };

        Assert.Equal("3 items for 2 tilesets: 1 Succeeded, 2 Skipped.", SummaryText.Totals([Roads with { ProcessedBytes = null, ComputeUnits = null }, source, recipe]));
        Assert.Equal("1 tileset: 1 Skipped.", SummaryText.Totals([Rivers]));
    }

    [Fact]
    public void A_sources_file_is_shown_as_the_source_and_not_counted_as_a_tileset()
    {
        var bikeLanes = new Row("alice.bike-lanes", "data/bike-lanes.geojson", "Succeeded", "mapbox://tileset-source/alice/bike-lanes", null, 846, null, IsTilesetSource: true);
        var extra = bikeLanes with { File = "data/bike-lanes-new.ldgeojson" };
        var recipe = new Row("alice.bike-lanes-mts", "recipes/bike-lanes.json", "Succeeded", "job01", TimeSpan.FromSeconds(5), 253, null);

        Assert.Equal("3 items for 1 tileset: 3 Succeeded.", SummaryText.Totals([bikeLanes, extra, recipe]));
        Assert.Equal("2 source files: 2 Succeeded.", SummaryText.Totals([bikeLanes, extra]));
        Assert.Equal("source alice/bike-lanes", PlainTable.Render([bikeLanes, recipe])[2].Split("  ")[0]);

        var markdown = MarkdownSummary.Render([bikeLanes, recipe], CiSummaries.StepSummaryLimitBytes);
        Assert.Contains("| source alice/bike-lanes | data/bike-lanes.geojson |", markdown, StringComparison.Ordinal);
        Assert.Contains("| [alice.bike-lanes-mts](https://studio.mapbox.com/tilesets/alice.bike-lanes-mts/) |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("studio.mapbox.com/tilesets/alice.bike-lanes/", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void The_markdown_links_each_tileset_to_studio_and_escapes_cells()
    {
        var markdown = MarkdownSummary.Render([Roads, Rivers], CiSummaries.StepSummaryLimitBytes);

        Assert.Equal(
            """
            ### Mapbox uploads

            2 tilesets: 1 Succeeded, 1 Skipped. Processed 1.234567 MB, 0.42 CU (as Mapbox reported).

            | Tileset | File | Status | Upload | Duration | Size | Processed | CU |
            |---|---|---|---|---|---|---|---|
            | [alice.roads](https://studio.mapbox.com/tilesets/alice.roads/) | data/roads.geojson | Succeeded | ckroads01 | 3.1 s | 1.2 MB | 1.234567 MB | 0.42 |
            | [alice.rivers](https://studio.mapbox.com/tilesets/alice.rivers/) | data/a\|b.kml | Skipped | - | - | - | - | - |

            """.Replace("\r\n", "\n"),
            markdown);
    }

    [Fact]
    public void An_incremental_tileset_says_how_it_was_published_in_its_status_cell_in_every_summary()
    {
        var trails = new Row("alice.trails", "recipes/trails.json", "Succeeded", "job1", TimeSpan.FromSeconds(2), 300, null, "changeset +1 ~2 -3, 0.01 MB of the source's 64.00 MB");

        Assert.Contains("Succeeded (changeset +1 ~2 -3, 0.01 MB of the source's 64.00 MB)", PlainTable.Render([trails])[2], StringComparison.Ordinal);
        Assert.Contains("| Succeeded (changeset +1 ~2 -3, 0.01 MB of the source's 64.00 MB) |", MarkdownSummary.Render([trails], CiSummaries.StepSummaryLimitBytes), StringComparison.Ordinal);
    }

    [Fact]
    public void A_summary_too_large_for_its_budget_drops_rows_and_says_how_many()
    {
        var rows = Enumerable.Range(0, 20_000)
            .Select(i => new Row($"alice.t{i:00000}", $"data/t{i:00000}.geojson", "Succeeded", $"ck{i:00000}", TimeSpan.FromSeconds(1), 1000, null))
            .ToList();

        var markdown = MarkdownSummary.Render(rows, CiSummaries.StepSummaryLimitBytes);

        var listed = markdown.Split('\n').Count(line => line.StartsWith("| [alice.t", StringComparison.Ordinal));
        Assert.InRange(Encoding.UTF8.GetByteCount(markdown), CiSummaries.StepSummaryLimitBytes - 200, CiSummaries.StepSummaryLimitBytes);
        Assert.InRange(listed, 1, rows.Count - 1);
        Assert.EndsWith($"\n{rows.Count - listed} more tilesets are not listed: a job summary holds at most 1 MiB. The build log lists every one.\n", markdown, StringComparison.Ordinal);
        Assert.Contains($"[alice.t{listed - 1:00000}]", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain($"[alice.t{listed:00000}]", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void In_github_actions_the_summary_is_appended_to_the_step_summary_within_what_is_left_of_the_limit()
    {
        var stepSummary = Path.Combine(_directory, "step_summary.md");
        File.WriteAllText(stepSummary, "# Tests\n\nall passed\n");
        var environment = Environment(("GITHUB_STEP_SUMMARY", stepSummary));

        var logLines = CiSummaries.Publish([Roads, Parks], environment, Path.Combine(_directory, "obj", "summary.md"));

        Assert.Empty(logLines);
        var text = File.ReadAllText(stepSummary);
        Assert.StartsWith("# Tests\n\nall passed\n\n### Mapbox uploads\n", text, StringComparison.Ordinal);
        Assert.Contains("| [alice.parks](https://studio.mapbox.com/tilesets/alice.parks/) | data/parks.csv | Failed MBX6001 | ckparks02 | 1 min 15 s | 980 B |", text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "obj", "summary.md")));
    }

    [Fact]
    public void A_step_summary_already_at_the_limit_is_left_alone_and_the_log_says_so()
    {
        var stepSummary = Path.Combine(_directory, "step_summary.md");
        File.WriteAllText(stepSummary, new string('x', (int)CiSummaries.StepSummaryLimitBytes - 100));

        var logLines = CiSummaries.Publish([Roads], Environment(("GITHUB_STEP_SUMMARY", stepSummary)), Path.Combine(_directory, "summary.md"));

        Assert.Equal([CiSummaries.StepSummaryFull], logLines);
        Assert.Equal(CiSummaries.StepSummaryLimitBytes - 100, new FileInfo(stepSummary).Length);
    }

    [Fact]
    public void In_azure_pipelines_the_summary_is_a_file_attached_by_a_logging_command()
    {
        var summaryPath = Path.Combine(_directory, "obj", "mapbox-uploads-summary.md");

        var logLines = CiSummaries.Publish([Roads], Environment(("TF_BUILD", "True")), summaryPath);

        Assert.Equal(["##vso[task.uploadsummary]" + summaryPath], logLines);
        Assert.Equal(MarkdownSummary.Render([Roads], CiSummaries.StepSummaryLimitBytes), File.ReadAllText(summaryPath));
    }

    [Fact]
    public void Outside_ci_nothing_is_written()
    {
        var summaryPath = Path.Combine(_directory, "summary.md");

        var logLines = CiSummaries.Publish([Roads], Environment(("TF_BUILD", "False")), summaryPath);

        Assert.Empty(logLines);
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var values = variables.ToDictionary(variable => variable.Name, variable => variable.Value);
        return name => values.TryGetValue(name, out var value) ? value : null;
    }

    private sealed record Row(string Tileset, string File, string Status, string? UploadId, TimeSpan? Duration, long? SizeBytes, string? ErrorCode, string? Incremental = null, long? ProcessedBytes = null, double? ComputeUnits = null, bool IsTilesetSource = false) : ISummaryRow;
}
