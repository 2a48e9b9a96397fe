using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Tool.Tests.Infrastructure;

namespace Mapbox.Uploads.Tool.Tests;

[Collection(ToolCollection.Name)]
public sealed class CancellationTests(ToolFixture fixture)
{
    private static readonly TimeSpan StagingStartBound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Ctrl_C_during_a_multipart_staging_exits_3_aborts_the_multipart_upload_and_creates_nothing()
    {
        var file = Path.Combine(fixture.DataDirectory, "large.geojson");
        Samples.WriteLargeGeoJson(file, 20L * 1024 * 1024);
        // Parts hang, so the Ctrl+C lands while the multipart upload is open.
        fixture.Emulator.Faults.Add(new FaultRule { Route = EmulatorRoute.S3, Kind = FaultKind.Latency, Method = "PUT", Delay = TimeSpan.FromMinutes(2) });
        var requestsBefore = fixture.Emulator.Requests.Count;
        try
        {
            var run = await fixture.RunAsync(["upload", file, Samples.UniqueMapId("large")], async tool =>
            {
                await WaitForOpenMultipartUploadAsync();
                await tool.InterruptAsync();
            });

            Assert.True(run.ExitCode == 3, run.ToString());
            Assert.Contains($"{file}: error MBX7002: Upload cancelled: ", run.StandardError);
            Assert.Contains("open multipart uploads were aborted", run.StandardError);
            Assert.Empty(fixture.Emulator.OpenMultipartUploads);
            Assert.DoesNotContain(fixture.Emulator.Requests.Skip(requestsBefore), request => request.Route == EmulatorRoute.Create);
        }
        finally
        {
            fixture.Emulator.Faults.Clear();
        }
    }

    private async Task WaitForOpenMultipartUploadAsync()
    {
        var clock = Stopwatch.StartNew();
        while (fixture.Emulator.OpenMultipartUploads.Count == 0)
        {
            if (clock.Elapsed > StagingStartBound)
            {
                throw new TimeoutException($"No multipart upload opened within {StagingStartBound.TotalSeconds} s.");
            }

            await Task.Delay(50);
        }
    }
}
