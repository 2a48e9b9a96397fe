using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Package.Tests.Infrastructure;

namespace Mapbox.Uploads.Package.Tests;

/// <summary>Ring 3: a skip is always right, through real builds of the packed package against the emulator.</summary>
public sealed class PackageIntegrityTests : EmulatedPackageScenario
{
    private Sandbox Project(string name, params System.Xml.Linq.XElement[] tilesets)
    {
        var sandbox = new Sandbox(Feed, name);
        sandbox.WriteFile("data/roads.geojson", SampleData.RoadsGeoJson);
        sandbox.WriteProject(tilesets);
        DataProject.AddResultPrinter(sandbox);
        return sandbox;
    }

    [Fact]
    public async Task One_file_in_two_tilesets_a_name_change_and_another_service_each_decide_the_upload()
    {
        var sandbox = Project("two-tilesets",
            Sandbox.Tileset("data/roads.geojson", "roads-public", ("Name", "Roads")),
            Sandbox.Tileset("data/roads.geojson", "roads-internal"));

        var first = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(2, Emulator.Requests.Count(r => r.Route == EmulatorRoute.Create));
        Assert.Equal(2, Directory.GetFiles(sandbox.StampDirectory, "*.json").Length);

        Emulator.ClearRequests();
        var unchanged = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty);

        Assert.True(unchanged.ExitCode == 0, unchanged.ToString());
        Assert.Empty(Emulator.Requests);
        Assert.All(DataProject.Results(unchanged), r => Assert.Equal("Skipped", r.Status));

        sandbox.WriteProject([
            Sandbox.Tileset("data/roads.geojson", "roads-public", ("Name", "City roads")),
            Sandbox.Tileset("data/roads.geojson", "roads-internal")]);
        DataProject.AddResultPrinter(sandbox);
        var renamed = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty);

        Assert.True(renamed.ExitCode == 0, renamed.ToString());
        Assert.Equal([("lindenau.roads-internal", "Skipped"), ("lindenau.roads-public", "Succeeded")],
            DataProject.Results(renamed).Select(r => (r.Tileset, r.Status)).OrderBy(r => r.Tileset, StringComparer.Ordinal));
        Assert.Single(Emulator.Requests, r => r.Route == EmulatorRoute.Create);

        await using var other = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromMilliseconds(300), RateLimitPerMinute = 0 });
        var moved = await sandbox.RunAsync("build", DataProject.WithToken(other.MintToken(Account)), $"-p:MapboxApiUrl={other.BaseUrl}");

        Assert.True(moved.ExitCode == 0, moved.ToString());
        Assert.All(DataProject.Results(moved), r => Assert.Equal("Succeeded", r.Status));
        Assert.Equal(2, other.Requests.Count(r => r.Route == EmulatorRoute.Create));
    }

    [Fact]
    public async Task After_a_build_that_did_not_wait_the_next_build_asks_once_and_skips()
    {
        var sandbox = Project("no-wait", Sandbox.Tileset("data/roads.geojson", "roads"));

        var created = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty, "-p:MapboxUploadWait=false");

        Assert.True(created.ExitCode == 0, created.ToString());
        var upload = Assert.Single(DataProject.Results(created));
        Assert.Equal("Created", upload.Status);

        // Processing ends on the service long before the next build: one status read finds it succeeded.
        Emulator.ClearRequests();
        var next = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty);

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Equal((upload.UploadId, "Skipped"), DataProject.Results(next).Select(r => (r.UploadId, r.Status)).Single());
        Assert.Equal(EmulatorRoute.Status, Assert.Single(Emulator.Requests).Route);

        Emulator.ClearRequests();
        var third = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty);

        Assert.True(third.ExitCode == 0, third.ToString());
        Assert.Equal("Skipped", DataProject.Results(third).Single().Status);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task An_empty_collection_warns_MBX3009_and_a_token_in_a_property_warns_MBX1006_without_showing_it()
    {
        var sandbox = Project("empty-and-token", Sandbox.Tileset("data/empty.geojson", "empty"));
        sandbox.WriteFile("data/empty.geojson", """{"type":"FeatureCollection","features":[]}""");

        var result = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty, "-p:MapboxUploadDryRun=true", $"-p:MapboxAccessToken={Token}", "-v:n");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning MBX3009", result.Output, StringComparison.Ordinal);
        Assert.Contains("lindenau.empty", result.Output, StringComparison.Ordinal);
        Assert.Contains("warning MBX1006", result.Output, StringComparison.Ordinal);
        Assert.Contains("MapboxAccessToken", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, result.Output, StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task Data_kept_as_links_is_staged_whole_and_decided_by_the_content_the_links_point_to()
    {
        var sandbox = Project("links",
            Sandbox.Tileset("data/roads.geojson", "roads"),
            Sandbox.Tileset("linked/parks.geojson", "parks"));
        // git-annex: a file link into the object store; DVC and hand-made layouts: a directory link.
        sandbox.WriteFile("annex/a.geojson", SampleData.RoadsGeoJson);
        sandbox.WriteFile("annex/b.geojson", SampleData.RoadsGeoJson.Replace("Main St", "High St"));
        sandbox.WriteFile("store/parks.geojson", DataProject.ParksGeoJson);
        File.Delete(sandbox.PathOf("data/roads.geojson"));
        File.CreateSymbolicLink(sandbox.PathOf("data/roads.geojson"), Path.Combine("..", "annex", "a.geojson"));
        Directory.CreateSymbolicLink(sandbox.PathOf("linked"), "store");

        var first = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Equal(2, Emulator.Requests.Count(r => r.Route == EmulatorRoute.Create));
        // The first release staged a link's own length (a few bytes) and reported success: compare every byte.
        Assert.Equal(
            new[] { File.ReadAllText(sandbox.PathOf("annex/a.geojson")), File.ReadAllText(sandbox.PathOf("store/parks.geojson")) }.Order(),
            StagedTexts().Order());

        Emulator.ClearRequests();
        File.Delete(sandbox.PathOf("data/roads.geojson"));
        File.CreateSymbolicLink(sandbox.PathOf("data/roads.geojson"), Path.Combine("..", "annex", "b.geojson"));
        sandbox.WriteFile("store/parks.geojson", DataProject.ParksGeoJson.Replace("Auenwald", "Auenwald Park"));
        var repointed = await sandbox.RunAsync("build", DataProject.WithToken(Token), ApiProperty);

        Assert.True(repointed.ExitCode == 0, repointed.ToString());
        Assert.All(DataProject.Results(repointed), r => Assert.Equal("Succeeded", r.Status));
        Assert.Equal(2, Emulator.Requests.Count(r => r.Route == EmulatorRoute.Create));
        Assert.Contains(File.ReadAllText(sandbox.PathOf("annex/b.geojson")), StagedTexts());
    }

    private string[] StagedTexts() => Emulator.IssuedCredentials
        .Select(c => Emulator.TryGetStagedObject(c.Bucket, c.Key, out var content) ? System.Text.Encoding.UTF8.GetString(content) : null)
        .OfType<string>()
        .ToArray();
}
