using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Package.Tests.Infrastructure;
using static Mapbox.Uploads.Testing.RasterSamples;

namespace Mapbox.Uploads.Package.Tests.TilingService;

/// <summary>
/// Ring 3: the shipped raster sample (samples/CityImagery) in real builds of the packed package, one sandbox walking
/// every step: a dry run sends nothing; the build publishes its raster and rasterarray tilesets with the files sent
/// byte for byte; a rebuild with nothing changed sends nothing; a 16-bit TIFF under the raster recipe and a truncated
/// TIFF are each a coded error on the file with nothing sent.
/// </summary>
public sealed class PackageRasterTests : EmulatedPackageScenario
{
    private const string Aerial = "data/lindenau-aerial.tif";

    public PackageRasterTests()
        : base(processingMilliseconds: 200, "api_rasterarrays")
    {
    }

    [Fact]
    public async Task The_CityImagery_sample_publishes_raster_and_rasterarray_then_sends_nothing_and_refused_files_are_coded_with_nothing_sent()
    {
        var token = Emulator.MintToken(Account, [.. EmulatorServer.TilesetScopes]);
        var sandbox = Sandbox.OfSample(Feed, "CityImagery", "raster-sample", "data", "recipes");

        var dryRun = await sandbox.RunAsync("build", DataProject.WithToken(token), "-p:MapboxUploadDryRun=true");

        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Empty(Emulator.Requests);

        var build = await sandbox.RunAsync("build", DataProject.WithToken(token), ApiProperty);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains("Mapbox: lindenau.lindenau-aerial published by job", build.Output, StringComparison.Ordinal);
        Assert.Contains("Mapbox: lindenau.lindenau-elevation published by job", build.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllBytes(sandbox.PathOf(Aerial)), Assert.Single(Emulator.SourceFiles(Account, "lindenau-aerial")!));
        Assert.Equal(File.ReadAllBytes(sandbox.PathOf("data/lindenau-elevation.tif")), Assert.Single(Emulator.SourceFiles(Account, "lindenau-elevation")!));
        Assert.Equal(2, Emulator.Requests.Count(r => r.Route == EmulatorRoute.TilesetPublish && r.StatusCode != 429));

        Emulator.ClearRequests();
        var rebuild = await sandbox.RunAsync("build", DataProject.WithToken(token), ApiProperty);

        Assert.True(rebuild.ExitCode == 0, rebuild.ToString());
        Assert.Empty(Emulator.Requests);

        File.WriteAllBytes(sandbox.PathOf(Aerial), GeoTiff(width: 8, height: 8, samples: 1, bits: 16, photometric: 1));
        var sixteenBit = await sandbox.RunAsync("build", DataProject.WithToken(token), ApiProperty);

        Assert.NotEqual(0, sixteenBit.ExitCode);
        Assert.Matches(new Regex(@"recipes[/\\]aerial\.json.*error MBX3032: .*lindenau-aerial\.tif.*not 8-bit unsigned"), sixteenBit.Output);
        Assert.Empty(Emulator.Requests);

        File.WriteAllBytes(sandbox.PathOf(Aerial), GeoTiff().AsSpan(0, 30).ToArray());
        var truncated = await sandbox.RunAsync("build", DataProject.WithToken(token), ApiProperty);

        Assert.NotEqual(0, truncated.ExitCode);
        Assert.Matches(new Regex(@"data[/\\]lindenau-aerial\.tif.*error MBX3030: "), truncated.Output);
        Assert.Empty(Emulator.Requests);
    }
}
