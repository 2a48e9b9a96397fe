using Mapbox.Uploads.Changesets;

namespace Mapbox.Uploads.Build.Tests.TilingService;

/// <summary>Initial, reset (and why) or changeset, decided from values alone, before anything is sent.</summary>
public sealed class IncrementalDecisionTests
{
    private static SourceFeatureChange Changed(string id, long added, long changed, long removed, long unchanged) =>
        new(id, true, new ChangesetCounts(added, changed, removed, unchanged, 0, 0, 0));

    private static IncrementalDecision Decide(bool publishedBefore = true, bool recipeChanged = false, bool force = false, int max = 30, params SourceFeatureChange[] sources) =>
        IncrementalFreshness.Decide(publishedBefore, recipeChanged, force, sources, max);

    [Fact]
    public void A_tileset_never_published_is_initial_whatever_else_holds()
    {
        var decision = Decide(publishedBefore: false, recipeChanged: true, sources: new SourceFeatureChange("trails", false, null));

        Assert.Equal(PublishKind.Initial, decision.Kind);
    }

    [Fact]
    public void A_few_changed_features_with_an_index_are_a_changeset_with_their_counts()
    {
        var decision = Decide(sources: [Changed("trails", 1, 2, 3, 94), new SourceFeatureChange("parks", true, null)]);

        Assert.Equal(new IncrementalDecision(PublishKind.Changeset, "source 'trails' +1 ~2 -3"), decision);
    }

    [Fact]
    public void A_changed_recipe_is_a_reset_before_anything_else()
    {
        var decision = Decide(recipeChanged: true, sources: Changed("trails", 1, 0, 0, 99));

        Assert.Equal(PublishKind.Reset, decision.Kind);
        Assert.StartsWith("its recipe changed", decision.Reason, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_source_without_a_feature_index_is_a_reset_naming_it()
    {
        var decision = Decide(sources: [Changed("parks", 1, 0, 0, 99), new SourceFeatureChange("trails", false, null)]);

        Assert.Equal(new IncrementalDecision(PublishKind.Reset, "source 'trails' has no feature index of its last publish (a fresh clone, the stamp folder cleaned, or a file of it renamed or added)"), decision);
    }

    [Theory]
    [InlineData(30, 30, false)]
    [InlineData(31, 30, true)]
    [InlineData(1, 0, true)]
    [InlineData(100, 100, false)]
    public void A_diff_larger_than_the_knob_is_a_reset(int changedPercent, int max, bool reset)
    {
        var expected = reset ? PublishKind.Reset : PublishKind.Changeset;
        var decision = Decide(max: max, sources: Changed("trails", 0, changedPercent, 0, 100 - changedPercent));

        Assert.Equal(expected, decision.Kind);
        if (expected == PublishKind.Reset)
        {
            Assert.Equal($"source 'trails' changed {changedPercent}% of its features (+0 ~{changedPercent} -0), more than MapboxIncrementalMaxChangePercent={max}", decision.Reason);
        }
    }

    [Fact]
    public void Force_is_a_reset()
    {
        Assert.Equal(new IncrementalDecision(PublishKind.Reset, "MapboxUploadForce=true"), Decide(force: true, sources: Changed("trails", 1, 0, 0, 99)));
    }
}
