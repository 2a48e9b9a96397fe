using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Package.Tests.Infrastructure;

namespace Mapbox.Uploads.Package.Tests.Independent;

/// <summary>
/// A busy tileset against the independent service, which answers 409 (our emulator's default is 422) with a
/// message that says neither "busy" nor "processing". Deterministic: the service holds the first upload
/// processing until the test has seen the second build's create refused, then lets it finish.
/// </summary>
public sealed class IndependentServiceBusyTilesetTests : IClassFixture<IndependentService>, IAsyncLifetime
{
    private static readonly TimeSpan ConflictBound = TimeSpan.FromSeconds(120);
    private readonly IndependentService _service;
    private PackageFeed _feed = null!;

    public IndependentServiceBusyTilesetTests(IndependentService service) => _service = service;

    public async Task InitializeAsync() => _feed = await PackageFeed.GetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_forced_reupload_while_the_first_still_processes_gets_409_waits_it_out_and_succeeds()
    {
        const string tileset = "alice.busy-parks";
        var sandbox = new Sandbox(_feed, "independent-busy");
        sandbox.WriteFile("data/parks.geojson", DataProject.ParksGeoJson);
        sandbox.WriteProject([Sandbox.Tileset("data/parks.geojson", "busy-parks")]);
        DataProject.AddResultPrinter(sandbox);
        var api = $"-p:MapboxApiUrl={_service.BaseUrl}";
        Process? secondProcess = null;
        await _service.HoldAsync(tileset);
        try
        {
            var created = await sandbox.RunAsync("build", DataProject.WithToken(_service.Token), api, "-p:MapboxUploadWait=false");
            Assert.True(created.ExitCode == 0, created + "\nservice:\n" + _service.Output());
            var firstId = Assert.Single(DataProject.Results(created), r => r.Status == "Created").UploadId;

            var second = sandbox.RunAsync("build", DataProject.WithToken(_service.Token), p => secondProcess = p, api, "-p:MapboxUploadForce=true");
            var clock = Stopwatch.StartNew();
            while (await _service.StatAsync("status:create:409") == 0)
            {
                if (second.IsCompleted)
                {
                    Assert.Fail("the second build ended before its create met the busy tileset:\n" + await second);
                }

                Assert.True(clock.Elapsed < ConflictBound, "no 409 on create within " + ConflictBound);
                await Task.Delay(200);
            }

            await _service.ReleaseAsync(tileset);
            var result = await second;

            Assert.True(result.ExitCode == 0, result + "\nservice:\n" + _service.Output());
            var final = Assert.Single(DataProject.Results(result));
            Assert.Equal((tileset, "Succeeded"), (final.Tileset, final.Status));
            Assert.NotEqual(firstId, final.UploadId);
            var uploads = (await _service.UploadsAsync()).Where(u => u.Tileset == tileset).ToDictionary(u => u.Id);
            Assert.True(uploads[firstId].Complete && uploads[final.UploadId].Complete);
            Assert.Equal(2, await _service.StatAsync("status:create:201"));
            // Staged once per build: the retried create reuses the staged file.
            Assert.Equal(2, await _service.StatAsync("route:credentials"));
        }
        finally
        {
            try
            {
                // A no-op when the build ended (the runner then disposed the process).
                secondProcess?.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }

            await _service.ReleaseAsync(tileset);
        }
    }
}
