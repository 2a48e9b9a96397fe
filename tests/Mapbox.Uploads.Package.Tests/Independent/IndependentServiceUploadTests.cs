using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Mapbox.Uploads.Package.Tests.Infrastructure;

namespace Mapbox.Uploads.Package.Tests.Independent;

/// <summary>
/// Ring 3 against a second, independent implementation of the service (tests/independent-service/service.py,
/// Python, staging into moto with SigV4 enforced): the packed package in a real <c>dotnet build</c>.
/// </summary>
public sealed class IndependentServiceUploadTests : IClassFixture<IndependentService>, IAsyncLifetime
{
    /// <summary>Above the client's 16 MiB multipart threshold, so staged in parts (moto wants 5 MiB or more but the last).</summary>
    private const int BigFileBytes = 17 * 1024 * 1024 + 12345;

    private readonly IndependentService _service;
    private PackageFeed _feed = null!;

    public IndependentServiceUploadTests(IndependentService service) => _service = service;

    public async Task InitializeAsync() => _feed = await PackageFeed.GetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private string ApiProperty => $"-p:MapboxApiUrl={_service.BaseUrl}";

    [Fact]
    public async Task Build_stages_geojson_csv_and_a_multipart_file_byte_exact_into_moto_then_a_rebuild_sends_nothing()
    {
        var sandbox = new Sandbox(_feed, "independent");
        sandbox.WriteFile("data/roads.geojson", SampleData.RoadsGeoJson);
        sandbox.WriteFile("data/stops.csv", SampleData.StopsCsv);
        WriteBigGeoJson(sandbox.PathOf("data/tracks.geojson"));
        sandbox.WriteProject([
            Sandbox.Tileset("data/roads.geojson", "roads", ("Name", "City roads")),
            Sandbox.Tileset("data/stops.csv", "alice.transit-stops"),
            Sandbox.Tileset("data/tracks.geojson", "tracks"),
        ]);
        DataProject.AddResultPrinter(sandbox);
        // The service lives for the whole class and xunit orders a class's tests by a hash that changes with the
        // checkout's path, so counts are taken relative to this test's start.
        var createsBefore = await _service.StatAsync("status:create:201");
        var credentialsBefore = await _service.StatAsync("status:credentials:200");

        var first = await sandbox.RunAsync("build", DataProject.WithToken(_service.Token), ApiProperty);

        Assert.True(first.ExitCode == 0, first + "\nservice:\n" + _service.Output());
        Assert.DoesNotContain(_service.Token, first.Output, StringComparison.Ordinal);
        var results = DataProject.Results(first);
        Assert.Equal(["alice.roads", "alice.transit-stops", "alice.tracks"], results.Select(r => r.Tileset));
        Assert.All(results, r => Assert.Equal(("Succeeded", "false"), (r.Status, r.Skipped)));

        var manifest = DataProject.Manifest(sandbox);
        var uploads = (await _service.UploadsAsync()).ToDictionary(u => u.Id);
        var (objects, openMultipart) = await _service.ObjectsAsync();
        var files = new Dictionary<string, string>
        {
            ["alice.roads"] = "data/roads.geojson",
            ["alice.transit-stops"] = "data/stops.csv",
            ["alice.tracks"] = "data/tracks.geojson",
        };
        foreach (var (tileset, file) in files)
        {
            var (uploadId, status) = manifest[tileset];
            Assert.Equal("Succeeded", status);
            Assert.True(uploads.TryGetValue(uploadId!, out var upload), $"the service knows no upload {uploadId} for {tileset}");
            Assert.Equal((tileset, true, (string?)null), (upload!.Tileset, upload.Complete, upload.Error));
            Assert.StartsWith($"_pending/{IndependentService.User}/", upload.Key, StringComparison.Ordinal);
            Assert.True(objects.TryGetValue(upload.Key, out var staged), $"moto holds no object {upload.Key}");
            var bytes = File.ReadAllBytes(sandbox.PathOf(file));
            Assert.Equal((bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes))), (staged!.Size, staged.Sha256));
        }

        // S3 gives a multipart object an ETag "<md5 of the part md5s>-<parts>"; a single PUT's is the plain MD5.
        Assert.Matches("^[0-9a-f]{32}-[2-9]$", objects[uploads[manifest["alice.tracks"].UploadId!].Key].ETag);
        Assert.DoesNotContain('-', objects[uploads[manifest["alice.roads"].UploadId!].Key].ETag);
        Assert.Empty(openMultipart);
        Assert.Equal(3, await _service.StatAsync("status:create:201") - createsBefore);
        Assert.Equal(3, await _service.StatAsync("status:credentials:200") - credentialsBefore);

        var before = await _service.StatAsync("requests");
        var second = await sandbox.RunAsync("build", DataProject.WithToken(_service.Token), ApiProperty);

        Assert.True(second.ExitCode == 0, second.ToString());
        var skipped = DataProject.Results(second);
        Assert.Equal(["alice.roads", "alice.transit-stops", "alice.tracks"], skipped.Select(r => r.Tileset));
        Assert.All(skipped, r => Assert.Equal(("Skipped", "true"), (r.Status, r.Skipped)));
        Assert.Equal(before, await _service.StatAsync("requests"));
    }

    [Fact]
    public async Task A_processing_error_fails_the_build_with_MBX6001_and_the_service_message_even_when_the_token_cannot_list()
    {
        var sandbox = new Sandbox(_feed, "independent-fail");
        sandbox.WriteFile("data/roads.geojson", SampleData.RoadsGeoJson);
        sandbox.WriteFile("data/parks.geojson", DataProject.ParksGeoJson);
        sandbox.WriteProject([Sandbox.Tileset("data/roads.geojson", "fail-roads"), Sandbox.Tileset("data/parks.geojson", "parks-ok")]);
        DataProject.AddResultPrinter(sandbox);
        var listRefusedBefore = await _service.StatAsync("status:list:403");

        var result = await sandbox.RunAsync("build", DataProject.WithToken(_service.NoListToken), ApiProperty);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Equal(["MBX6001"], result.ErrorCodes);
        var error = result.Output.Split('\n').First(line => line.Contains("error MBX6001", StringComparison.Ordinal));
        Assert.Contains("Failed to parse geojson feature", error, StringComparison.Ordinal);
        Assert.Contains("alice.fail-roads", error, StringComparison.Ordinal);
        Assert.Contains("roads.geojson", error, StringComparison.Ordinal);
        var manifest = DataProject.Manifest(sandbox);
        Assert.Equal("Failed", manifest["alice.fail-roads"].Status);
        Assert.Equal("Succeeded", manifest["alice.parks-ok"].Status);
        var uploads = (await _service.UploadsAsync()).ToDictionary(u => u.Id);
        Assert.Equal("Failed to parse geojson feature", uploads[manifest["alice.fail-roads"].UploadId!].Error);
        // The token lacks uploads:list: the wait falls back to status reads after the service's 403.
        Assert.True(await _service.StatAsync("status:list:403") > listRefusedBefore, "the wait never tried the list");
        Assert.True(await _service.StatAsync("status:status:200") > 0, "the wait never read a status");
    }

    [Fact]
    public async Task Another_accounts_token_fails_with_MBX2003_before_any_request_and_a_forged_token_fails_with_MBX1004()
    {
        var sandbox = new Sandbox(_feed, "independent-token");
        sandbox.WriteFile("data/roads.geojson", SampleData.RoadsGeoJson);
        sandbox.WriteProject([Sandbox.Tileset("data/roads.geojson", "alice.roads-other")]);
        var before = await _service.StatAsync("requests");

        var foreign = await sandbox.RunAsync("build", DataProject.WithToken(_service.OtherToken), ApiProperty);

        Assert.True(foreign.ExitCode != 0, foreign.ToString());
        Assert.Equal(["MBX2003"], foreign.ErrorCodes);
        Assert.Equal(before, await _service.StatAsync("requests"));

        // Same account and shape, a signature the service never issued: the service answers 401.
        var forged = _service.Token[..(_service.Token.LastIndexOf('.') + 1)] + "AAAAAAAAAAAAAAAAAAAAAA";
        var createsBefore = await _service.StatAsync("route:create");
        var rejected = await sandbox.RunAsync("build", DataProject.WithToken(forged), ApiProperty);

        Assert.True(rejected.ExitCode != 0, rejected.ToString());
        Assert.Equal(["MBX1004"], rejected.ErrorCodes);
        Assert.True(await _service.StatAsync("status:credentials:401") >= 1);
        Assert.Equal(createsBefore, await _service.StatAsync("route:create"));
        Assert.DoesNotContain(forged, rejected.Output, StringComparison.Ordinal);
    }

    /// <summary>A valid FeatureCollection of points just above <see cref="BigFileBytes"/>, deterministic.</summary>
    private static void WriteBigGeoJson(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        writer.Write("{\"type\":\"FeatureCollection\",\"features\":[");
        long written = 40;
        for (var i = 0; written < BigFileBytes; i++)
        {
            var feature = string.Create(CultureInfo.InvariantCulture, $"{(i == 0 ? "" : ",")}{{\"type\":\"Feature\",\"properties\":{{\"n\":{i}}},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[{12 + i % 1000 * 0.001:F3},{51 + i / 1000 % 1000 * 0.001:F3}]}}}}");
            writer.Write(feature);
            written += feature.Length;
        }

        writer.Write("]}");
    }
}
