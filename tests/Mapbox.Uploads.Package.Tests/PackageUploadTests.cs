using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Package.Tests.Infrastructure;

namespace Mapbox.Uploads.Package.Tests;

/// <summary>Ring 3: the packed package in a real dotnet build against the in-process emulator.</summary>
public sealed class PackageUploadTests : EmulatedPackageScenario
{
    private Sandbox TwoTilesets(string name)
    {
        var sandbox = new Sandbox(Feed, name);
        sandbox.WriteFile("data/roads.geojson", SampleData.RoadsGeoJson);
        sandbox.WriteFile("data/parks.geojson", DataProject.ParksGeoJson);
        sandbox.WriteProject([Sandbox.Tileset("data/roads.geojson", "roads"), Sandbox.Tileset("data/parks.geojson", "lindenau.parks")]);
        DataProject.AddResultPrinter(sandbox);
        return sandbox;
    }

    [Fact]
    public async Task Build_uploads_in_parallel_then_skips_unchanged_files_and_uploads_only_a_changed_one()
    {
        var sandbox = TwoTilesets("incremental");

        var first = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty, "-v:diag");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.DoesNotContain(Token, first.Output, StringComparison.Ordinal);
        var results = DataProject.Results(first);
        Assert.Equal(["lindenau.parks", "lindenau.roads"], results.Select(r => r.Tileset));
        Assert.All(results, r => Assert.Equal(("Succeeded", "false"), (r.Status, r.Skipped)));
        Assert.Equal(2, Emulator.Requests.Count(r => r.Route == EmulatorRoute.Create));
        Assert.Equal(2, Emulator.Requests.Count(r => r.Route == EmulatorRoute.Credentials));
        Assert.Equal(2, Emulator.Requests.Count(r => r.Route == EmulatorRoute.S3 && r.Method == "PUT"));

        var manifestPath = Path.Combine(sandbox.IntermediateDirectory, "mapbox-uploads.json");
        var manifest = DataProject.Manifest(sandbox);
        Assert.All(results, r => Assert.Equal((r.UploadId, "Succeeded"), manifest[r.Tileset]));
        Assert.DoesNotContain(Token, File.ReadAllText(manifestPath), StringComparison.Ordinal);

        Assert.Equal(2, Directory.GetFiles(sandbox.StampDirectory, "*.json").Length);
        // The control for the "no stamp" checks elsewhere: the search finds these, and stamps live nowhere else.
        Assert.Equal(Directory.GetFiles(sandbox.StampDirectory, "*.json").Order(StringComparer.Ordinal), sandbox.StampFilesAnywhere().Order(StringComparer.Ordinal));
        var replay = await DataProject.ReplayAsync(sandbox, sandbox.BinaryLogs[0]);
        Assert.Contains("Mapbox: lindenau.roads succeeded", replay, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, replay, StringComparison.Ordinal);

        Emulator.ClearRequests();
        var second = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Empty(Emulator.Requests);
        var skipped = DataProject.Results(second);
        Assert.Equal(["lindenau.parks", "lindenau.roads"], skipped.Select(r => r.Tileset));
        Assert.All(skipped, r => Assert.Equal(("Skipped", "true"), (r.Status, r.Skipped)));

        sandbox.WriteFile("data/parks.geojson", DataProject.ParksGeoJson.Replace("Auenwald", "Auenwald Park"));
        var third = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty);

        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Equal([("lindenau.parks", "Succeeded"), ("lindenau.roads", "Skipped")], DataProject.Results(third).Select(r => (r.Tileset, r.Status)));
        Assert.Single(Emulator.Requests, r => r.Route == EmulatorRoute.Create);

        var clean = await sandbox.RunAsync("clean", DataProject.WithToken(Token));
        Assert.True(clean.ExitCode == 0, clean.ToString());
        Assert.False(File.Exists(manifestPath));
        Assert.Empty(Directory.GetFiles(sandbox.StampDirectory, "*.json"));
    }

    [Fact]
    public async Task A_processing_error_fails_the_build_with_MBX6001_the_service_message_the_upload_and_the_file()
    {
        var sandbox = TwoTilesets("processing-error");
        Emulator.Processing.FailTileset("lindenau.parks", "Coordinates beyond web mercator range. Please check projection and lat/lon values.");

        var result = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(["MBX6001"], result.ErrorCodes);
        var line = result.Output.Split('\n').First(l => l.Contains("error MBX6001", StringComparison.Ordinal));
        Assert.StartsWith(sandbox.PathOf("data/parks.geojson"), line.Trim(), StringComparison.Ordinal);
        Assert.Contains("Coordinates beyond web mercator range.", line, StringComparison.Ordinal);
        var manifest = DataProject.Manifest(sandbox);
        Assert.Equal("Failed", manifest["lindenau.parks"].Status);
        Assert.Contains($"upload {manifest["lindenau.parks"].UploadId}", line, StringComparison.Ordinal);
        Assert.Equal("Succeeded", manifest["lindenau.roads"].Status);
    }

    [Fact]
    public async Task A_missing_token_warns_on_a_developer_machine_and_fails_in_CI()
    {
        var sandbox = TwoTilesets("no-token");

        var local = await sandbox.RunAsync("build", DataProject.WithToken(null), ApiProperty);
        var ci = await sandbox.RunAsync("build", DataProject.WithToken(null, ci: true), ApiProperty);

        Assert.True(local.ExitCode == 0, local.ToString());
        Assert.Equal(["MBX1001"], local.WarningCodes);
        Assert.Empty(local.ErrorCodes);
        Assert.NotEqual(0, ci.ExitCode);
        Assert.Equal(["MBX1001"], ci.ErrorCodes);
        Assert.Empty(Emulator.Requests);
    }
}
