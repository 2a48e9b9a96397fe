using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Package.Tests.Infrastructure;

namespace Mapbox.Uploads.Package.Tests;

/// <summary>
/// Ring 3: what a person sees of each tileset's result through real <c>dotnet build</c>s of the packed package, with
/// the classic console logger and with the terminal logger forced on, and the job summary GitHub Actions would show.
/// </summary>
public sealed class LoggerOutputTests : EmulatedPackageScenario
{
    [Fact]
    public async Task The_classic_logger_ends_with_the_table_and_GitHub_gets_the_job_summary()
    {
        var sandbox = Project("classic-success");
        var stepSummary = sandbox.PathOf("step-summary.md");
        var environment = DataProject.WithToken(Token);
        environment["GITHUB_STEP_SUMMARY"] = stepSummary;

        var result = await sandbox.RunAsync("build", environment, ApiProperty, "-tl:off");

        Assert.True(result.ExitCode == 0, result.Output);
        var uploadId = Assert.Single(DataProject.Results(result)).UploadId;
        var row = Assert.Single(result.Output.Split('\n'), line => line.TrimStart().StartsWith("lindenau.roads ", StringComparison.Ordinal));
        Assert.Matches(@"lindenau\.roads\s+data/roads\.geojson\s+Succeeded\s+" + uploadId + @"\s+\d+\.\d s\s+\d", row);
        Assert.Contains("1 tileset: 1 Succeeded.", result.Output, StringComparison.Ordinal);
        var markdown = File.ReadAllText(stepSummary);
        Assert.Contains($"| [lindenau.roads](https://studio.mapbox.com/tilesets/lindenau.roads/) | data/roads.geojson | Succeeded | {uploadId} |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_terminal_logger_shows_a_processing_failure_with_its_tileset_and_upload()
    {
        var sandbox = Project("terminal-failure");
        Emulator.Processing.FailTileset("lindenau.roads", "Tileset exceeds processing limit.");

        var result = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty, "-tl:on");

        Assert.NotEqual(0, result.ExitCode);
        // The terminal logger colours the word "error"; the line is read without its ANSI codes.
        var error = Assert.Single(result.Output.Split('\n').Select(Plain).Where(line => line.Contains("error MBX6001:", StringComparison.Ordinal)).Distinct());
        Assert.StartsWith(sandbox.PathOf("data/roads.geojson"), error.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("tileset lindenau.roads (upload ", error, StringComparison.Ordinal);
        Assert.Contains("Tileset exceeds processing limit.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_terminal_the_terminal_logger_shows_results_at_tlp_v_d_and_a_local_failure_under_the_project()
    {
        var sandbox = Project("pseudo-terminal");

        var detailed = await sandbox.RunInTerminalAsync("build", DataProject.WithToken(Token), ApiProperty, "-tlp:v=d");

        var lines = ScreenLines(detailed.Output);
        Assert.True(detailed.ExitCode == 0, string.Join('\n', lines));
        Assert.Contains(lines, line => line.StartsWith("Build succeeded in ", StringComparison.Ordinal));
        var uploadId = DataProject.Manifest(sandbox)["lindenau.roads"].UploadId;
        // Unanchored: the live progress line may be redrawn onto the same screen line under load.
        var screen = string.Join('\n', lines);
        Assert.True(lines.Exists(line => System.Text.RegularExpressions.Regex.IsMatch(line, @"\slindenau\.roads\s+data/roads\.geojson\s+Succeeded\s+" + uploadId + @"\s")), screen);
        Assert.True(lines.Exists(line => line.Contains("1 tileset: 1 Succeeded. Processed ", StringComparison.Ordinal)), screen);

        sandbox.WriteFile("data/roads.geojson", SampleData.RoadsGeoJson.Replace("]]", "]],", StringComparison.Ordinal));
        Emulator.ClearRequests();
        var failed = await sandbox.RunInTerminalAsync("build", DataProject.WithToken(Token), ApiProperty);

        lines = ScreenLines(failed.Output);
        Assert.NotEqual(0, failed.ExitCode);
        var projectLine = lines.FindIndex(line => line.Contains(" failed with 1 error(s)", StringComparison.Ordinal));
        Assert.True(projectLine >= 0, string.Join('\n', lines));
        Assert.Matches(@"^\s+" + System.Text.RegularExpressions.Regex.Escape(sandbox.PathOf("data/roads.geojson")) + @"\(\d+,\d+\): error MBX3010: data/roads\.geojson \(tileset lindenau\.roads\)", lines[projectLine + 1]);
        Assert.Empty(Emulator.Requests);
    }

    [Theory]
    [InlineData("MapboxUploadTimeout", "abc")]
    [InlineData("MapboxUploadTimeout", "1.5")]
    [InlineData("MapboxUploadMaxParallel", "many")]
    public async Task A_setting_MSBuild_cannot_convert_is_MBX1020_on_the_project_file(string property, string value)
    {
        var sandbox = Project("setting-" + property + "-" + value);

        var result = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty, "-tl:off", $"-p:{property}={value}");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(["MBX1020"], result.ErrorCodes);
        Assert.DoesNotContain("MSB4030", result.Output, StringComparison.Ordinal);
        var error = result.Output.Split('\n').First(line => line.Contains("error MBX1020:", StringComparison.Ordinal));
        Assert.StartsWith(sandbox.ProjectPath + " : error MBX1020: " + property + " is '" + value + "'", error.TrimStart(), StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }

    private Sandbox Project(string name)
    {
        var sandbox = new Sandbox(Feed, name);
        sandbox.WriteFile("data/roads.geojson", SampleData.RoadsGeoJson);
        sandbox.WriteProject([Sandbox.Tileset("data/roads.geojson", "roads")]);
        DataProject.AddResultPrinter(sandbox);
        return sandbox;
    }

    /// <summary>The lines a terminal ends up showing: escape sequences (colours, links, progress) removed, redraws split.</summary>
    private static System.Collections.Generic.List<string> ScreenLines(string output) =>
        System.Text.RegularExpressions.Regex.Replace(output, @"\x1b\][^\x07\x1b]*(\x07|\x1b\\)", string.Empty)
            .Split('\n', '\r').Select(Plain).Where(line => line.Trim().Length > 0).ToList();

    private static string Plain(string line) => System.Text.RegularExpressions.Regex.Replace(line, @"\x1b\[[0-9;?]*[A-Za-z]", string.Empty);
}
