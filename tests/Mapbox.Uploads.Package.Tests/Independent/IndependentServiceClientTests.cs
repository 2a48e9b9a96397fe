using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Package.Tests.Infrastructure;

namespace Mapbox.Uploads.Package.Tests.Independent;

/// <summary>
/// The client's list and delete, which the task does not use, against the independent service: its <c>Link</c>
/// next URL is relative and carries no token (our emulator's is absolute, token included), its pages are
/// shorter than the limit asked for (at most 2), and it refuses to delete an incomplete upload with 400 (our emulator: 422).
/// </summary>
public sealed class IndependentServiceClientTests : IClassFixture<IndependentService>, IDisposable
{
    private readonly IndependentService _service;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "mbx-independent-client", Guid.NewGuid().ToString("N"));

    public IndependentServiceClientTests(IndependentService service)
    {
        _service = service;
        Directory.CreateDirectory(_directory);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private UploadsClient Client() =>
        new(MapboxAccessToken.Parse(_service.Token), new UploadsClientOptions { ApiBaseUrl = _service.BaseUrl, PollInterval = TimeSpan.FromMilliseconds(300) });

    [Fact]
    public async Task List_follows_a_relative_tokenless_Link_past_short_pages_both_ways_and_delete_is_refused_until_complete()
    {
        using var client = Client();
        var path = Path.Combine(_directory, "parks.geojson");
        File.WriteAllText(path, DataProject.ParksGeoJson);
        await _service.HoldAsync("alice.client-3");
        var created = new List<string>();
        foreach (var id in new[] { "client-1", "client-2", "client-3" })
        {
            created.Add((await client.UploadAsync(path, TilesetId.Parse(id, IndependentService.User))).Id);
        }

        var listsBefore = await _service.StatAsync("status:list:200");
        var newestFirst = new List<string>();
        await foreach (var upload in client.ListAsync(new ListUploadsOptions { PageSize = 3 }))
        {
            newestFirst.Add(upload.Id);
        }

        var oldestFirst = new List<string>();
        await foreach (var upload in client.ListAsync(new ListUploadsOptions { PageSize = 3, Reverse = true }))
        {
            oldestFirst.Add(upload.Id);
        }

        Assert.Equal(Enumerable.Reverse(created), newestFirst.Where(created.Contains));
        Assert.Equal(created, oldestFirst.Where(created.Contains));
        Assert.True(await _service.StatAsync("status:list:200") - listsBefore >= 4, "the client did not follow the Link pages");
        Assert.Equal(0, await _service.StatAsync("status:list:401"));

        var refused = await Assert.ThrowsAsync<MapboxApiException>(() => client.DeleteAsync(created[2]));
        Assert.Equal((400, "upload is incomplete"), (refused.StatusCode, refused.ServiceMessage));

        await _service.ReleaseAsync("alice.client-3");
        var final = await client.WaitForCompletionAsync(created[2], TimeSpan.FromSeconds(30));
        Assert.True(final.Succeeded, final.Error);
        await client.DeleteAsync(created[2]);
        var gone = await Assert.ThrowsAsync<MapboxApiException>(() => client.GetStatusAsync(created[2]));
        Assert.Equal(404, gone.StatusCode);
    }
}
