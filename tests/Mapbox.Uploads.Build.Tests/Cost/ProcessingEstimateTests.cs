using System;

namespace Mapbox.Uploads.Build.Tests.Cost;

/// <summary>The estimate's wording, totals and budget, with no service.</summary>
public sealed class ProcessingEstimateTests
{
    private static readonly ProcessingRow Small = new("alice.stops", ProcessedKind.File, 250_000, ProcessingReason.Changed, "data/stops.csv");
    private static readonly ProcessingRow Large = new("alice.roads", ProcessedKind.Source, 3_500_000, ProcessingReason.RecipeChange, "'roads' read by recipes/roads.json",
        LastJob: new LastJobCost("job1", 0.7, 3_400_000));
    private static readonly ProcessingRow Fresh = new("alice.parks", ProcessedKind.Source, 0, null, "recipes/parks.json");

    [Theory]
    [InlineData("", null)]
    [InlineData("  ", null)]
    [InlineData("0", 0L)]
    [InlineData("2.5", 2_500_000L)]
    [InlineData(" 100 ", 100_000_000L)]
    public void A_budget_is_megabytes_of_a_million_bytes_and_empty_is_none(string text, long? bytes) =>
        Assert.Equal(bytes, ProcessingBudget.ParseBudget(text));

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1,5")]
    [InlineData("1e3")]
    public void A_negative_or_non_numeric_budget_is_the_setting_error(string text)
    {
        var e = Assert.Throws<MapboxBuildException>(() => ProcessingBudget.ParseBudget(text));
        Assert.Equal("MBX1020", e.Code.Code);
        Assert.Contains("MapboxMaxProcessedMegabytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_estimate_lists_every_tileset_largest_first_with_the_total_and_the_last_job()
    {
        var lines = ProcessingEstimate.Lines([Small, Fresh, Large], dryRun: true);

        Assert.Equal(
            [
                "Mapbox: this build would have 3.75 MB processed for 2 of 3 tileset(s):",
                "  alice.roads: 3.5 MB of tileset source(s) 'roads' read by recipes/roads.json (recipe change); last job job1: 3.4 MB, 0.7 CU",
                "  alice.stops: 0.25 MB of file data/stops.csv (changed); an Uploads API upload records no cost",
                "  alice.parks: nothing (recipes/parks.json up to date)",
            ],
            lines);
    }

    [Fact]
    public void Within_the_budget_passes_and_over_it_is_MBX2020_listing_what_is_processed_largest_first()
    {
        ProcessingBudget.CheckBudget([Small, Large, Fresh], null);
        ProcessingBudget.CheckBudget([Small, Large, Fresh], 3_750_000);

        var e = Assert.Throws<MapboxBuildException>(() => ProcessingBudget.CheckBudget([Small, Large, Fresh], 3_749_999));

        Assert.Equal("MBX2020", e.Code.Code);
        Assert.StartsWith("This build would have 3.75 MB processed, more than MapboxMaxProcessedMegabytes=3.749999 MB, so nothing was sent: alice.roads: 3.5 MB", e.Message, StringComparison.Ordinal);
        Assert.True(e.Message.IndexOf("alice.roads", StringComparison.Ordinal) < e.Message.IndexOf("alice.stops", StringComparison.Ordinal));
        Assert.DoesNotContain("alice.parks", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_upper_bound_says_at_most()
    {
        var converted = Large with { Exact = false, Note = "a FeatureCollection is converted while sent, so its size is an upper bound" };

        Assert.Contains("at most 3.5 MB", ProcessingEstimate.Line(converted), StringComparison.Ordinal);
        Assert.EndsWith("(not exact; see the notes):", ProcessingEstimate.Lines([converted], dryRun: false)[0], StringComparison.Ordinal);
    }
}
