using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Package.Tests.Infrastructure;

namespace Mapbox.Uploads.Package.Tests.Validation;

/// <summary>
/// Ring 3, pre-flight validation through the product: the packed package in a real <c>dotnet build</c>, a corpus of
/// good and broken files of every type, and the emulator counting requests. Few builds, many items per build.
/// </summary>
public sealed class ValidationCorpusPackageTests : EmulatedPackageScenario
{
    public ValidationCorpusPackageTests()
        : base(processingMilliseconds: 200)
    {
    }

    [Fact]
    public async Task Every_broken_file_fails_one_build_at_its_line_and_column_and_nothing_is_sent_with_or_without_dry_run()
    {
        var sandbox = new Sandbox(Feed, "vb");
        using var corpus = ValidationCorpus.Broken(sandbox.Directory);
        sandbox.WriteProject(corpus.Files.Select(f => f.Item()));

        var upload = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty);

        Assert.NotEqual(0, upload.ExitCode);
        Assert.Empty(Emulator.Requests);
        AssertEveryProblemReported(sandbox, corpus, upload);

        var dryRun = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty, "-p:MapboxUploadDryRun=true");

        Assert.NotEqual(0, dryRun.ExitCode);
        Assert.Empty(Emulator.Requests);
        AssertEveryProblemReported(sandbox, corpus, dryRun);
    }

    [Fact]
    public async Task The_good_corpus_passes_a_dry_run_without_a_request_then_uploads_and_Validate_false_sends_a_broken_file_to_fail_in_processing()
    {
        var sandbox = new Sandbox(Feed, "vg");
        using var corpus = ValidationCorpus.Good(sandbox.Directory);
        var optedOut = corpus.Text("data/unchecked.geojson", "unchecked", "{ \"type\": \"FeatureCollection\", \"features\": [ oops ] }", ("Validate", "false"));
        sandbox.WriteProject(corpus.Files.Select(f => f.Item()));
        DataProject.AddResultPrinter(sandbox);
        var tilesets = corpus.Files.Select(f => $"{Account}.{f.MapId}").OrderBy(t => t, StringComparer.Ordinal).ToList();

        var dryRun = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty, "-p:MapboxUploadDryRun=true");

        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Empty(dryRun.ErrorCodes);
        Assert.Empty(Emulator.Requests);
        var validated = DataProject.Results(dryRun);
        Assert.Equal(tilesets, validated.Select(r => r.Tileset).OrderBy(t => t, StringComparer.Ordinal));
        Assert.All(validated, r => Assert.Equal(("Validated", string.Empty), (r.Status, r.UploadId)));

        var upload = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty);

        Assert.NotEqual(0, upload.ExitCode);
        Assert.Equal(["MBX6001"], upload.ErrorCodes);
        var processing = Assert.Single(CanonicalErrors.LinesFor(upload.Output, corpus.PathOf(optedOut.Include), "MBX6001"));
        Assert.Contains("Failed to parse geojson feature", processing, StringComparison.Ordinal);
        Assert.Contains($"tileset {Account}.unchecked", processing, StringComparison.Ordinal);
        // A failed task ends the build before the result printer runs; the manifest records every item.
        var results = DataProject.Manifest(sandbox).ToDictionary(r => r.Key, r => r.Value.Status);
        Assert.Equal(tilesets, results.Keys.OrderBy(t => t, StringComparer.Ordinal));
        Assert.All(corpus.Files.Where(f => f != optedOut), f => Assert.Equal("Succeeded", results[$"{Account}.{f.MapId}"]));
        Assert.Equal("Failed", results[$"{Account}.unchecked"]);
        Assert.Equal(corpus.Files.Count, Emulator.Requests.Count(r => r.Route == EmulatorRoute.Create));
        Assert.Equal(corpus.Files.Count, Emulator.Requests.Count(r => r.Route == EmulatorRoute.S3 && r.Method == "PUT"));
    }

    private static void AssertEveryProblemReported(Sandbox sandbox, ValidationCorpus corpus, ProcessResult result)
    {
        var broken = corpus.Files.Where(f => f.Code is not null).ToList();
        Assert.Equal(broken.Select(f => f.Code!).Distinct().OrderBy(c => c, StringComparer.Ordinal),
            result.ErrorCodes.OrderBy(c => c, StringComparer.Ordinal));
        var problems = new List<string>();
        foreach (var file in broken)
        {
            var path = corpus.PathOf(file.Include);
            var lines = CanonicalErrors.LinesFor(result.Output, path, file.Code!);
            if (lines.Count != 1)
            {
                problems.Add($"{file.Include}: expected one '{file.Code}' line, found {lines.Count}");
                continue;
            }

            var line = lines[0];
            var location = file.Line > 0 ? $"({file.Line},{file.Column})" : " ";
            var help = ErrorCodes.All.Single(c => c.Code == file.Code).Help;
            var expectedStart = $"{path}{location}: error {file.Code}: {file.Include} (tileset {Account}.{file.MapId}): ";
            if (!line.StartsWith(expectedStart, StringComparison.Ordinal)
                || !line.Contains(file.Says, StringComparison.Ordinal)
                || !line.EndsWith($"{help} [{sandbox.ProjectPath}]", StringComparison.Ordinal))
            {
                problems.Add($"{file.Include}: expected '{expectedStart}...{file.Says}...{help} [{sandbox.ProjectPath}]' but got '{line}'");
            }
        }

        var distinctErrorLines = result.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(": error MBX", StringComparison.Ordinal)).Distinct().Count();
        Assert.True(problems.Count == 0 && distinctErrorLines == broken.Count,
            $"{distinctErrorLines} distinct error lines for {broken.Count} broken files:\n{string.Join("\n", problems)}\n\n{result}");
    }
}
