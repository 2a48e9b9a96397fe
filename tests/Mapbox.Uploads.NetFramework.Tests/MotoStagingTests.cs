using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Mapbox.Uploads.NetFramework.Tests.Infrastructure;

namespace Mapbox.Uploads.NetFramework.Tests;

/// <summary>
/// The client's netstandard2.0 SigV4 stager on a .NET Framework-style runtime, against an S3 that checks every
/// signature, access key and STS session token: the packed net472 task under Mono uploads through
/// tests/independent-service/service.py, which stages into a real moto_server.
/// </summary>
public sealed class MotoStagingTests(MonoMoto moto) : IClassFixture<MonoMoto>
{
    /// <summary>Above the client's 16 MiB multipart threshold, so staged in parts (moto wants 5 MiB or more but the last).</summary>
    private const int BigFileBytes = (17 * 1024 * 1024) + 12345;

    [Fact]
    public async Task A_single_PUT_and_a_multipart_file_are_staged_byte_exact_into_moto_with_no_multipart_upload_left_open()
    {
        var service = moto.Service;
        using var project = new MonoProject(moto.Package, service.BaseUrl);
        project.WriteFile("data/parks.geojson", DataFiles.ParksGeoJson);
        project.WriteFile("data/tracks.geojson", DataFiles.BigGeoJson(BigFileBytes));

        var run = await project.BuildAsync(moto.Host, service.Token, [TilesetItem.Of("data/parks.geojson", "vs-parks"), TilesetItem.Of("data/tracks.geojson", "vs-tracks")]);

        Assert.True(run.ExitCode == 0, run + "\nservice:\n" + service.Output());
        Assert.DoesNotContain(service.Token, run.Output, StringComparison.Ordinal);
        var uploads = (await service.UploadsAsync()).ToDictionary(upload => upload.Id);
        var (objects, openMultipart) = await service.ObjectsAsync();
        Assert.Equal(2, run.Results.Count);
        foreach (var (file, metadata) in run.Results)
        {
            Assert.Equal("Succeeded", metadata["Status"]);
            var upload = uploads[metadata["UploadId"]];
            Assert.True(objects.TryGetValue(upload.Key, out var staged), $"moto holds no object {upload.Key}");
            var bytes = File.ReadAllBytes(project.PathOf(file));
            Assert.Equal((bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes))), (staged!.Size, staged.Sha256));
        }

        // S3 gives a multipart object an ETag "<md5 of the part md5s>-<parts>"; a single PUT's is the plain MD5.
        var tracks = run.Results.Single(result => result.File == "data/tracks.geojson").Metadata["UploadId"];
        Assert.Matches("^[0-9a-f]{32}-[2-9]$", objects[uploads[tracks].Key].ETag);
        Assert.Empty(openMultipart);
    }
}
