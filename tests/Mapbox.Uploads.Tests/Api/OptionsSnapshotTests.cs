using System.Net;
using System.Threading.Tasks;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Api;

public class OptionsSnapshotTests
{
    private readonly ClientFactory _factory = new();

    [Fact]
    public async Task Retry_options_changed_after_construction_change_nothing()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Status(HttpStatusCode.ServiceUnavailable));
        var options = _factory.Options(handler, o => o.Retry.MaxAttempts = 2);
        using var client = new UploadsClient(TestTokens.Token(), options);

        options.Retry.MaxAttempts = 5;
        await Assert.ThrowsAsync<MapboxApiException>(() => client.GetStatusAsync("u1"));

        Assert.Equal(2, handler.Requests.Count);
    }
}
