using Mapbox.Uploads.Staging;

namespace Mapbox.Uploads.Tests.Staging;

public class PartPlannerTests
{
    private const long MiB = 1024 * 1024;
    private const long GiB = 1024 * MiB;

    [Fact]
    public void One_byte_is_one_part_of_one_byte()
    {
        var plan = PartPlanner.Plan(1);

        Assert.Equal(1, plan.PartCount);
        Assert.Equal(1, plan.LengthOf(0));
        Assert.Equal(0, plan.OffsetOf(0));
    }

    [Fact]
    public void Five_GB_uses_the_default_8_MiB_parts()
    {
        var plan = PartPlanner.Plan(5_000_000_000);

        Assert.Equal(8 * MiB, plan.PartSize);
        Assert.Equal(597, plan.PartCount);
        Assert.Equal(5_000_000_000 - (596 * 8 * MiB), plan.LengthOf(596));
    }

    [Fact]
    public void The_25_GB_MBTiles_limit_fits_in_10000_parts()
    {
        var plan = PartPlanner.Plan(26_843_545_600);

        Assert.True(plan.PartCount <= PartPlanner.MaxParts);
        Assert.True(plan.PartSize >= PartPlanner.MinPartSize);
        Assert.Equal(3200, plan.PartCount);
    }

    [Fact]
    public void A_requested_small_part_size_grows_to_fit_25_GB_in_10000_parts()
    {
        var plan = PartPlanner.Plan(25 * GiB, requestedPartSize: 5 * MiB);

        Assert.Equal(5 * MiB, plan.PartSize);
        Assert.Equal(5120, plan.PartCount);

        var tight = PartPlanner.Plan(100 * GiB, requestedPartSize: 5 * MiB);
        Assert.True(tight.PartCount <= PartPlanner.MaxParts);
        Assert.Equal(11 * MiB, tight.PartSize);
    }

    [Fact]
    public void Exactly_10000_parts_is_allowed_and_one_byte_more_grows_the_part()
    {
        var exact = PartPlanner.Plan(10_000 * 8 * MiB);
        Assert.Equal(10_000, exact.PartCount);
        Assert.Equal(8 * MiB, exact.PartSize);
        Assert.Equal(8 * MiB, exact.LengthOf(9_999));

        var over = PartPlanner.Plan((10_000 * 8 * MiB) + 1);
        Assert.Equal(9 * MiB, over.PartSize);
        Assert.True(over.PartCount <= 10_000);
        Assert.Equal((10_000 * 8 * MiB) + 1, over.OffsetOf(over.PartCount - 1) + over.LengthOf(over.PartCount - 1));
    }

    [Fact]
    public void Parts_below_5_MiB_are_never_planned()
    {
        Assert.Equal(5 * MiB, PartPlanner.Plan(100 * MiB, requestedPartSize: 1).PartSize);
    }

    [Theory]
    [InlineData(6_000_000, 6)]
    [InlineData((5 * MiB) + 1, 6)]
    [InlineData(12 * MiB, 12)]
    public void A_requested_part_size_is_rounded_up_to_whole_MiB_so_parts_hold_whole_tag_blocks(long requested, long expectedMiB)
    {
        var plan = PartPlanner.Plan(100 * MiB, requested);

        Assert.Equal(expectedMiB * MiB, plan.PartSize);
        Assert.Equal(0, plan.PartSize % Mapbox.Uploads.Validation.ContentTags.BlockSize);
    }

    [Fact]
    public void More_than_10000_parts_of_5_GiB_is_refused()
    {
        Assert.Throws<System.ArgumentOutOfRangeException>(() => PartPlanner.Plan((10_000 * 5 * GiB) + 1));
    }

    [Fact]
    public void The_parts_cover_the_file_exactly_once()
    {
        var plan = PartPlanner.Plan((37 * MiB) + 123, 5 * MiB);
        long covered = 0;
        for (var i = 0; i < plan.PartCount; i++)
        {
            Assert.Equal(covered, plan.OffsetOf(i));
            covered += plan.LengthOf(i);
        }

        Assert.Equal(plan.TotalBytes, covered);
        Assert.Equal(8, plan.PartCount);
    }
}
