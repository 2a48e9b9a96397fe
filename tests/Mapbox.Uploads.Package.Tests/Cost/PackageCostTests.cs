using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Package.Tests.Infrastructure;
using static Mapbox.Uploads.Package.Tests.TilingService.TilingServiceProject;

namespace Mapbox.Uploads.Package.Tests.Cost;

/// <summary>
/// Ring 3: what a publish costs, through real builds of the packed package against the in-process emulator, one
/// sandbox walking the steps: over the budget nothing is sent; then the estimate equals what the emulator received
/// for processing (the staged file, the job's source) and the summaries carry the figures Mapbox reported.
/// </summary>
public sealed class PackageCostTests : EmulatedPackageScenario
{
    private const string Stops = "name,latitude,longitude\nKarl-Heine,51.33,12.33\nLindenauer Markt,51.338,12.332\n";

    [Fact]
    public async Task The_budget_refuses_before_any_request_then_the_estimate_equals_what_was_processed_and_the_summaries_carry_it()
    {
        var token = Emulator.MintToken(Account, ["uploads:write", "uploads:read", "uploads:list", .. EmulatorServer.TilesetScopes]);
        var sandbox = new Sandbox(Feed, "cost");
        sandbox.WriteFile("data/stops.csv", Stops);
        sandbox.WriteFile("data/roads.ldgeojson", RoadsExtra);
        sandbox.WriteFile("recipes/roads.json", Recipe(Account, "roads", "roads"));
        Write(sandbox, Sandbox.Tileset("data/stops.csv", "stops"), Source("data/roads.ldgeojson", "roads"), RecipeItem("recipes/roads.json", "roads"));
        var stopsBytes = new FileInfo(sandbox.PathOf("data/stops.csv")).Length;
        var roadsBytes = new FileInfo(sandbox.PathOf("data/roads.ldgeojson")).Length;
        var total = Megabytes(stopsBytes + roadsBytes);

        var refused = await sandbox.RunAsync("build", DataProject.WithToken(token), ApiProperty, "-p:MapboxMaxProcessedMegabytes=0.0001", "-p:MapboxUploadForce=true");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("error MBX2020", refused.Output, StringComparison.Ordinal);
        Assert.Contains($"This build would have {total} processed, more than MapboxMaxProcessedMegabytes=0.0001 MB, so nothing was sent: lindenau.roads: {Megabytes(roadsBytes)}", refused.Output, StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);

        var githubSummary = sandbox.PathOf("github-summary.md");
        var environment = DataProject.WithToken(token, ci: true);
        environment["GITHUB_STEP_SUMMARY"] = githubSummary;
        environment["TF_BUILD"] = "True";
        var built = await sandbox.RunAsync("build", environment, ApiProperty, "-p:MapboxMaxProcessedMegabytes=1");

        Assert.True(built.ExitCode == 0, built.ToString());
        Assert.Contains($"Mapbox: this build will have {total} processed for 2 of 2 tileset(s):", built.Output, StringComparison.Ordinal);
        var staged = Emulator.IssuedCredentials.Select(c => Emulator.TryGetStagedObject(c.Bucket, c.Key, out var content) ? content.LongLength : -1).Single(length => length >= 0);
        Assert.Equal(stopsBytes, staged);
        using var client = new TilesetsClient(MapboxAccessToken.Parse(token), new TilesetsClientOptions { ApiBaseUrl = Emulator.BaseUrl });
        TilesetJob? job = null;
        await foreach (var each in client.ListJobsAsync(new TilesetId(Account, "roads")))
        {
            Assert.Null(job);
            job = each;
        }

        Assert.NotNull(job);
        Assert.Equal(roadsBytes, job.Filesize);
        var cu = ComputeUnits(job.ComputeUnits!.Value);
        var totals = $"Processed {total}, {cu} CU (as Mapbox reported).";
        Assert.Contains(totals, built.Output, StringComparison.Ordinal);
        Assert.Contains(totals, File.ReadAllText(githubSummary), StringComparison.Ordinal);
        Assert.Contains($"| {Megabytes(roadsBytes)} | {cu} |", File.ReadAllText(githubSummary), StringComparison.Ordinal);
        var azureSummary = Path.Combine(sandbox.IntermediateDirectory, "mapbox-uploads-summary.md");
        Assert.Contains($"##vso[task.uploadsummary]{azureSummary}", built.Output, StringComparison.Ordinal);
        Assert.Contains(totals, File.ReadAllText(azureSummary), StringComparison.Ordinal);
        var manifest = ManifestText(sandbox);
        Assert.Contains($"\"processedBytes\": {roadsBytes}", manifest, StringComparison.Ordinal);
        Assert.Contains($"\"processedBytes\": {stopsBytes}", manifest, StringComparison.Ordinal);
    }

    private static string Megabytes(long bytes) => (bytes / 1e6).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture) + " MB";

    private static string ComputeUnits(double cu) => cu.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
