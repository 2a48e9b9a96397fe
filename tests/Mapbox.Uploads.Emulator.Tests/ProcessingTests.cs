using System;
using System.Text.Json;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

public class ProcessingTests
{
    [Fact]
    public async Task Progress_rises_with_the_clock_and_the_upload_completes_after_the_processing_time()
    {
        var clock = new ManualClock();
        await using var session = await EmulatorSession.StartAsync(
            new EmulatorOptions { ProcessingTime = TimeSpan.FromSeconds(10), RateLimitPerMinute = 0, TimeProvider = clock });
        var id = await session.CreateUploadAsync("roads");

        var atStart = await session.GetUploadAsync(id);
        clock.Advance(TimeSpan.FromSeconds(4));
        var midway = await session.GetUploadAsync(id);
        clock.Advance(TimeSpan.FromSeconds(6));
        var done = await session.GetUploadAsync(id);

        Assert.Equal(0, atStart.GetProperty("progress").GetDouble());
        Assert.False(atStart.GetProperty("complete").GetBoolean());
        Assert.Equal(0.4, midway.GetProperty("progress").GetDouble(), 3);
        Assert.False(midway.GetProperty("complete").GetBoolean());
        Assert.Equal(1, done.GetProperty("progress").GetDouble());
        Assert.True(done.GetProperty("complete").GetBoolean());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("error").ValueKind);
        Assert.Equal("2024-05-06T07:08:09.123Z", done.GetProperty("created").GetString());
        Assert.Equal("2024-05-06T07:08:19.123Z", done.GetProperty("modified").GetString());
    }

    [Fact]
    public async Task Progress_never_goes_back_when_the_wall_clock_does()
    {
        var clock = new ManualClock();
        await using var session = await EmulatorSession.StartAsync(
            new EmulatorOptions { ProcessingTime = TimeSpan.FromSeconds(10), RateLimitPerMinute = 0, TimeProvider = clock });
        var id = await session.CreateUploadAsync("roads");
        clock.Advance(TimeSpan.FromSeconds(5));

        var before = (await session.GetUploadAsync(id)).GetProperty("progress").GetDouble();
        var after = (await session.GetUploadAsync(id)).GetProperty("progress").GetDouble();

        Assert.True(after >= before);
    }

    [Fact]
    public async Task Zero_processing_time_completes_at_once()
    {
        await using var session = await EmulatorSession.StartAsync();
        var id = await session.CreateUploadAsync("roads");

        var upload = await session.GetUploadAsync(id);

        Assert.True(upload.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task Failed_tileset_rule_ends_processing_with_its_error_and_complete_false()
    {
        var clock = new ManualClock();
        await using var session = await EmulatorSession.StartAsync(
            new EmulatorOptions { ProcessingTime = TimeSpan.FromSeconds(10), RateLimitPerMinute = 0, TimeProvider = clock });
        session.Emulator.Processing.FailTileset("roads", UploadErrors.ProcessingLimitExceeded);
        var id = await session.CreateUploadAsync("roads");

        var processing = await session.GetUploadAsync(id);
        clock.Advance(TimeSpan.FromSeconds(10));
        var failed = await session.GetUploadAsync(id);

        Assert.Equal(JsonValueKind.Null, processing.GetProperty("error").ValueKind);
        Assert.Equal(UploadErrors.ProcessingLimitExceeded, failed.GetProperty("error").GetString());
        Assert.False(failed.GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task Full_tileset_rule_matches_only_that_owner_and_clear_forgets_it()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Processing.FailTileset("alice.roads", UploadErrors.KmlWithoutLayers);

        var failed = await session.GetUploadAsync(await session.CreateUploadAsync("roads"));
        var other = await session.GetUploadAsync(await session.CreateUploadAsync("rivers"));
        session.Emulator.Processing.Clear();
        var afterClear = await session.GetUploadAsync(await session.CreateUploadAsync("roads"));

        Assert.Equal(UploadErrors.KmlWithoutLayers, failed.GetProperty("error").GetString());
        Assert.True(other.GetProperty("complete").GetBoolean());
        Assert.True(afterClear.GetProperty("complete").GetBoolean());
    }

    [Theory]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[", UploadErrors.GeoJsonParseFailed)]
    [InlineData("[1, 2,", UploadErrors.GeoJsonParseFailed)]
    [InlineData("\u0001\u0002\u0000\u0003binary", UploadErrors.UnknownFiletype)]
    [InlineData("", UploadErrors.UnknownFiletype)]
    public async Task Content_decides_the_error_when_no_rule_does(string content, string expectedError)
    {
        await using var session = await EmulatorSession.StartAsync();
        var url = await session.StageAsync(content);

        using var response = await session.CreateAsync("alice.roads", url);
        var id = (await EmulatorSession.ReadJsonAsync(response)).GetProperty("id").GetString()!;

        Assert.Equal(expectedError, (await session.GetUploadAsync(id)).GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("{\"type\":\"FeatureCollection\",\"features\":[]}")]
    [InlineData("lat,lon\n1,2\n")]
    [InlineData("<?xml version=\"1.0\"?><kml></kml>")]
    [InlineData("PK\u0003\u0004\u0000\u0000zip")]
    [InlineData("SQLite format 3\u0000\u0000mbtiles")]
    public async Task Content_of_a_supported_shape_processes_fine(string content)
    {
        await using var session = await EmulatorSession.StartAsync();
        var url = await session.StageAsync(content);

        using var response = await session.CreateAsync("alice.roads", url);
        var id = (await EmulatorSession.ReadJsonAsync(response)).GetProperty("id").GetString()!;

        Assert.True((await session.GetUploadAsync(id)).GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task Content_inspection_can_be_turned_off()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Processing.InspectContent = false;
        var url = await session.StageAsync("{broken");

        using var response = await session.CreateAsync("alice.roads", url);
        var id = (await EmulatorSession.ReadJsonAsync(response)).GetProperty("id").GetString()!;

        Assert.True((await session.GetUploadAsync(id)).GetProperty("complete").GetBoolean());
    }

    [Fact]
    public async Task Status_of_an_unknown_or_foreign_upload_is_404()
    {
        await using var session = await EmulatorSession.StartAsync();
        var id = await session.CreateUploadAsync("roads");
        var bobsToken = session.Emulator.MintToken("bob");

        using var unknown = await session.Http.GetAsync(session.ApiPath("/cabcdefghijklmnopqrstuvwx"));
        using var foreign = await session.Http.GetAsync($"uploads/v1/bob/{id}?access_token={bobsToken}");

        Assert.Equal(404, (int)unknown.StatusCode);
        Assert.Equal(404, (int)foreign.StatusCode);
    }
}
