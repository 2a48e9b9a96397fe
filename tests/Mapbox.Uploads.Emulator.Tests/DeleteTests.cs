using System;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

public class DeleteTests
{
    [Fact]
    public async Task Delete_of_a_complete_upload_is_204_and_the_status_is_gone()
    {
        await using var session = await EmulatorSession.StartAsync();
        var id = await session.CreateUploadAsync("roads");

        using var deleted = await session.Http.DeleteAsync(session.ApiPath($"/{id}"));
        using var status = await session.Http.GetAsync(session.ApiPath($"/{id}"));

        Assert.Equal(204, (int)deleted.StatusCode);
        Assert.Equal(404, (int)status.StatusCode);
    }

    [Fact]
    public async Task Delete_of_an_unknown_upload_is_404()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.Http.DeleteAsync(session.ApiPath("/cabcdefghijklmnopqrstuvwx"));

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task Delete_while_processing_is_422_upload_is_incomplete()
    {
        await using var session = await EmulatorSession.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromHours(1), RateLimitPerMinute = 0 });
        var id = await session.CreateUploadAsync("roads");

        using var response = await session.Http.DeleteAsync(session.ApiPath($"/{id}"));

        Assert.Equal(422, (int)response.StatusCode);
        Assert.Equal("{\"message\":\"upload is incomplete\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Delete_of_a_failed_upload_is_allowed_because_processing_ended()
    {
        await using var session = await EmulatorSession.StartAsync();
        session.Emulator.Processing.FailTileset("roads", UploadErrors.ProcessingTimedOut);
        var id = await session.CreateUploadAsync("roads");

        using var response = await session.Http.DeleteAsync(session.ApiPath($"/{id}"));

        Assert.Equal(204, (int)response.StatusCode);
    }
}
