using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.NetFramework.Tests.Infrastructure;

namespace Mapbox.Uploads.NetFramework.Tests;

/// <summary>
/// Visual Studio's half: the packed tasks/net472 task and the client's netstandard2.0 build, loaded as MSBuild for
/// .NET Framework loads them (no isolation; MSBuild 17.11's binding redirects and shipped copies), run under Mono
/// against the emulator through the parameters the packed .targets pass.
/// </summary>
[Collection(MonoEmulatorCollection.Name)]
public sealed class EmulatorUploadTests(MonoEmulator shared) : IDisposable
{
    private readonly MonoProject _project = new(shared.Package, shared.Emulator.BaseUrl);

    private EmulatorServer Emulator => shared.Emulator;

    public void Dispose()
    {
        Emulator.Faults.Clear();
        Emulator.Processing.Clear();
        _project.Dispose();
    }

    [Fact]
    public async Task An_upload_succeeds_and_the_staged_object_is_byte_exact_then_an_unchanged_rebuild_is_skipped_with_no_request()
    {
        var token = Emulator.MintToken("vs-parks");
        var file = _project.WriteFile("data/parks.geojson", DataFiles.ParksGeoJson);
        var issuedBefore = Emulator.IssuedCredentials.Count;

        var first = await _project.BuildAsync(shared.Host, token, [TilesetItem.Of("data/parks.geojson", "parks")]);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Empty(first.ErrorCodes);
        var result = Assert.Single(first.Results);
        Assert.Equal(("vs-parks.parks", "Succeeded", "false"), (result.Metadata["TilesetId"], result.Metadata["Status"], result.Metadata["Skipped"]));
        var issued = Assert.Single(Emulator.IssuedCredentials.Skip(issuedBefore));
        Assert.True(Emulator.TryGetStagedObject(issued.Bucket, issued.Key, out var staged), $"nothing staged at {issued}");
        Assert.Equal(File.ReadAllBytes(file), staged);
        Assert.DoesNotContain(token, first.Output, StringComparison.Ordinal);

        Emulator.ClearRequests();
        var second = await _project.BuildAsync(shared.Host, token, [TilesetItem.Of("data/parks.geojson", "parks")]);

        Assert.True(second.ExitCode == 0, second.ToString());
        var skipped = Assert.Single(second.Results);
        Assert.Equal(("Skipped", "true"), (skipped.Metadata["Status"], skipped.Metadata["Skipped"]));
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task A_processing_failure_is_MBX6001_naming_the_file()
    {
        var token = Emulator.MintToken("vs-broken");
        _project.WriteFile("data/parks.geojson", DataFiles.ParksGeoJson);
        Emulator.Processing.FailTileset("vs-broken.parks", UploadErrors.GeoJsonParseFailed);

        var run = await _project.BuildAsync(shared.Host, token, [TilesetItem.Of("data/parks.geojson", "parks")]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(["MBX6001"], run.ErrorCodes);
        var error = run.Lines.Single(line => line[0] == "error");
        Assert.EndsWith("parks.geojson", error[2], StringComparison.Ordinal);
        Assert.Contains("vs-broken.parks", error[3], StringComparison.Ordinal);
        Assert.Equal("Failed", Assert.Single(run.Results).Metadata["Status"]);
    }

    [Fact]
    public async Task No_token_in_CI_is_MBX1001_before_any_request()
    {
        _project.WriteFile("data/parks.geojson", DataFiles.ParksGeoJson);
        _project.Properties["ContinuousIntegrationBuild"] = "true";
        Emulator.ClearRequests();

        var run = await _project.BuildAsync(shared.Host, token: null, [TilesetItem.Of("data/parks.geojson", "parks")]);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Equal(["MBX1001"], run.ErrorCodes);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task Cancel_during_multipart_staging_is_MBX7002_and_aborts_the_multipart_upload()
    {
        var token = Emulator.MintToken("vs-cancel");
        _project.WriteFile("data/big.geojson", DataFiles.BigGeoJson(20 * 1024 * 1024));
        // Every part takes 6 s to be answered: the task is surely mid-staging when Cancel comes.
        Emulator.Faults.Add(new FaultRule { Route = EmulatorRoute.S3, Method = "PUT", Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(6) });
        Emulator.ClearRequests();

        var run = await _project.BuildAsync(shared.Host, token, [TilesetItem.Of("data/big.geojson", "big")], async host =>
        {
            var waited = Stopwatch.StartNew();
            while (!host.Output.Contains("initiate multipart upload", StringComparison.Ordinal))
            {
                Assert.False(host.HasExited, $"the task ended before it could be cancelled:\n{host.Output}");
                Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"no multipart upload was initiated:\n{host.Output}");
                await Task.Delay(50);
            }

            // The answer naming the upload id is logged before its body is read: a moment later the client holds the
            // id and its parts are stuck in the 6 s latency. A cancel before that would lose the id, which the
            // client cannot abort by design (README, "Decisions").
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await host.CancelAsync();
        });

        var requests = string.Join("\n", Emulator.Requests.Select(r => $"{r.Method} {r.Route} {r.Path} {r.StatusCode}"));
        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("MBX7002", run.ErrorCodes);
        Assert.True(Emulator.OpenMultipartUploads.Count == 0, $"a multipart upload is still open:\n{requests}\n{run}");
        Assert.Contains(Emulator.Requests, r => r.Route == EmulatorRoute.S3 && r.Method == "DELETE" && r.StatusCode == 204);
        Assert.DoesNotContain(Emulator.Requests, r => r.Route == EmulatorRoute.Create);
        Assert.False(Directory.Exists(_project.StampDirectory) && Directory.EnumerateFiles(_project.StampDirectory).Any(), "a stamp was written");
    }
}
