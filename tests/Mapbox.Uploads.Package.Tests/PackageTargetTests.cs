using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Package.Tests.Infrastructure;

namespace Mapbox.Uploads.Package.Tests;

/// <summary>Ring 3: when the package's targets upload (multi-targeting, publish, opt-outs).</summary>
public sealed class PackageTargetTests : EmulatedPackageScenario
{
    private Sandbox OneTileset(string name, IReadOnlyDictionary<string, string>? properties = null, string targetFrameworks = "net10.0")
    {
        var sandbox = new Sandbox(Feed, name);
        sandbox.WriteFile("data/roads.geojson", SampleData.RoadsGeoJson);
        sandbox.WriteProject([Sandbox.Tileset("data/roads.geojson", "roads")], properties, targetFrameworks);
        return sandbox;
    }

    [Fact]
    public async Task A_multi_targeted_project_uploads_once_from_its_outer_build()
    {
        var sandbox = OneTileset("multi-target", targetFrameworks: "net8.0;net10.0");

        var result = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Single(Emulator.Requests, r => r.Route == EmulatorRoute.Create);
        Assert.Single(result.Output.Split('\n'), l => l.Contains("Mapbox: lindenau.roads succeeded", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_MapboxUploadAfterTargets_Publish_only_publish_uploads()
    {
        var sandbox = OneTileset("publish", new Dictionary<string, string> { ["MapboxUploadAfterTargets"] = "Publish" });

        var build = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(Emulator.Requests);

        var publish = await sandbox.RunAsync("publish", DataProject.WithToken(Token), ApiProperty);

        Assert.True(publish.ExitCode == 0, publish.ToString());
        Assert.Single(Emulator.Requests, r => r.Route == EmulatorRoute.Create);
    }

    [Fact]
    public async Task A_multi_targeted_project_publishing_one_framework_at_a_time_uploads_once()
    {
        var sandbox = OneTileset("multi-publish", new Dictionary<string, string> { ["MapboxUploadAfterTargets"] = "Publish" }, "net8.0;net10.0");

        var first = await sandbox.RunAsync("publish", DataProject.WithToken(Token), ApiProperty, "-f", "net10.0");

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Single(Emulator.Requests, r => r.Route == EmulatorRoute.Create);
        Assert.Single(System.IO.Directory.GetFiles(sandbox.StampDirectory, "*.json"));

        // The stamps belong to the project, not to one framework: the other framework's publish finds the data up to date.
        var second = await sandbox.RunAsync("publish", DataProject.WithToken(Token), ApiProperty, "-f", "net8.0");

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Single(Emulator.Requests, r => r.Route == EmulatorRoute.Create);
        Assert.Contains("lindenau.roads is up to date", second.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-p:EnableMapboxUpload=false")]
    [InlineData("-p:DesignTimeBuild=true")]
    [InlineData("-p:BuildingInsideVisualStudio=true")]
    public async Task Opt_outs_and_design_time_builds_send_nothing(string property)
    {
        var sandbox = OneTileset("opt-out");

        var result = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty, property);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Emulator.Requests);
        Assert.DoesNotContain("Mapbox:", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_reports_bad_data_with_its_code_and_sends_nothing()
    {
        var sandbox = OneTileset("dry-run");
        sandbox.WriteFile("data/roads.geojson", "{ \"type\": \"FeatureCollection\", \"features\": [ oops ] }");

        var result = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty, "-p:MapboxUploadDryRun=true");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal(["MBX3010"], result.ErrorCodes);
        Assert.Empty(Emulator.Requests);
    }
}
