using System;
using System.Linq;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

public class RequestLogTests
{
    [Fact]
    public async Task Every_request_is_recorded_with_route_method_path_and_status()
    {
        await using var session = await EmulatorSession.StartAsync();

        var url = await session.StageAsync("a,b\n1,2\n");
        using var created = await session.CreateAsync("alice.roads", url);
        using var missing = await session.Http.GetAsync("nothing-here");

        Assert.Equal(
            [(EmulatorRoute.Credentials, "POST", 200), (EmulatorRoute.S3, "PUT", 200), (EmulatorRoute.Create, "POST", 201), (EmulatorRoute.Unknown, "GET", 404)],
            session.Emulator.Requests.Select(request => (request.Route, request.Method, request.StatusCode)));
        Assert.Equal("/uploads/v1/alice/credentials", session.Emulator.Requests[0].Path);
    }

    [Fact]
    public async Task Recorded_query_has_the_access_token_redacted()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.Http.GetAsync(session.ApiPath(query: "&limit=5"));

        var recorded = session.Emulator.Requests.Single();
        Assert.Equal("?access_token=***&limit=5", recorded.RedactedQuery);
        Assert.DoesNotContain(session.Token, recorded.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clear_requests_forgets_what_was_recorded()
    {
        await using var session = await EmulatorSession.StartAsync();
        using var response = await session.Http.GetAsync(session.ApiPath());

        session.Emulator.ClearRequests();

        Assert.Empty(session.Emulator.Requests);
    }
}
