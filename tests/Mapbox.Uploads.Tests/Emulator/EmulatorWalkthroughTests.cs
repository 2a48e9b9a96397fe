using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Tests.Api;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Emulator;

/// <summary>The seed's walkthrough, end to end, against the in-process emulator (API and S3 on 127.0.0.1).</summary>
public class EmulatorWalkthroughTests
{
    private const long MiB = 1024 * 1024;
    private const string GeoJson = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"name\":\"a\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[13.4,52.5]}}]}";
    private static readonly TimeSpan WaitBound = TimeSpan.FromSeconds(30);

    private static UploadsClient Client(EmulatorServer emulator, string token, Action<UploadsClientOptions>? configure = null)
    {
        var options = new UploadsClientOptions
        {
            ApiBaseUrl = emulator.BaseUrl,
            PollInterval = TimeSpan.FromMilliseconds(50),
            MaxPollInterval = TimeSpan.FromMilliseconds(200),
            BusyRetryTimeout = WaitBound,
            Retry = new RetryOptions { MaxAttempts = 4, InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(200), MaxRateLimitWait = TimeSpan.FromSeconds(5) },
        };
        configure?.Invoke(options);
        return new UploadsClient(MapboxAccessToken.Parse(token), options);
    }

    private static string FreshMapId() => "walk_" + Guid.NewGuid().ToString("N").Substring(0, 12);

    private static async Task<List<Upload>> ListAllAsync(UploadsClient client, ListUploadsOptions? options = null)
    {
        var uploads = new List<Upload>();
        await foreach (var upload in client.ListAsync(options))
        {
            uploads.Add(upload);
        }

        return uploads;
    }

    [Fact]
    public async Task Upload_wait_list_and_delete_a_small_geojson()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromMilliseconds(300), RateLimitPerMinute = 0 });
        var token = emulator.MintToken("walker");
        using var client = Client(emulator, token);
        using var file = TempFile.WithText(GeoJson);
        var mapId = FreshMapId();
        var staged = new List<StagingProgress>();
        var processing = new List<double>();

        var upload = await client.UploadAsync(file.Path, TilesetId.Parse(mapId, client.Username), null, new SynchronousProgress<StagingProgress>(staged.Add));
        var final = await client.WaitForCompletionAsync(upload.Id, WaitBound, new SynchronousProgress<Upload>(u => processing.Add(u.Progress)));
        var listed = await ListAllAsync(client);
        await client.DeleteAsync(upload.Id);

        Assert.True(final.Succeeded, final.ToString());
        Assert.Contains(mapId, final.Tileset);
        Assert.Equal("walker." + mapId, final.Tileset);
        Assert.Equal(GeoJson.Length, staged[^1].BytesAcknowledged);
        Assert.Equal(1, processing[^1]);
        Assert.Contains(listed, u => u.Id == upload.Id);
        var delete = emulator.Requests.Last(r => r.Route == EmulatorRoute.Delete);
        Assert.Equal(204, delete.StatusCode);
        Assert.All(emulator.Requests, r => TestTokens.AssertNoSecret(r.RedactedQuery));
        Assert.All(emulator.Requests, r => Assert.DoesNotContain(token, r.RedactedQuery));
    }

    [Theory]
    [InlineData(422)]
    [InlineData(409)]
    public async Task A_second_upload_to_a_busy_tileset_is_retried_until_the_first_finishes(int busyStatus)
    {
        // Long enough that the second upload's staging, even on a loaded machine, ends while the first still processes.
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromSeconds(3), RateLimitPerMinute = 0, BusyStatusCode = busyStatus });
        using var client = Client(emulator, emulator.MintToken("walker"));
        using var file = TempFile.WithText(GeoJson);
        var tileset = TilesetId.Parse(FreshMapId(), client.Username);

        var first = await client.UploadAsync(file.Path, tileset);
        var second = await client.UploadAsync(file.Path, tileset);
        var final = await client.WaitForCompletionAsync(second.Id, WaitBound);

        Assert.NotEqual(first.Id, second.Id);
        Assert.True(final.Succeeded, final.ToString());
        var creates = emulator.Requests.Where(r => r.Route == EmulatorRoute.Create).Select(r => r.StatusCode).ToArray();
        Assert.Contains(busyStatus, creates);
        Assert.Equal(201, creates[^1]);
        Assert.Equal(2, creates.Count(s => s == 201));
    }

    [Fact]
    public async Task A_processing_error_is_returned_as_a_failed_upload()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromMilliseconds(100), RateLimitPerMinute = 0 });
        using var client = Client(emulator, emulator.MintToken("walker"));
        using var file = TempFile.WithText(GeoJson);
        var tileset = TilesetId.Parse(FreshMapId(), client.Username);
        emulator.Processing.FailTileset(tileset.ToString(), "Tileset exceeds processing limit.");

        var upload = await client.UploadAsync(file.Path, tileset);
        var final = await client.WaitForCompletionAsync(upload.Id, WaitBound);

        Assert.True(final.Failed);
        Assert.Equal("Tileset exceeds processing limit.", final.Error);
    }

    [Fact]
    public async Task Multipart_staging_to_the_emulators_S3_survives_a_5xx_and_a_dropped_part()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { RateLimitPerMinute = 0 });
        using var client = Client(emulator, emulator.MintToken("walker"), o =>
        {
            o.MultipartThreshold = 6 * MiB;
            o.PartSize = 5 * MiB;
        });
        using var file = TempFile.WithRandomBytes((12 * MiB) + 5, seed: 11);
        emulator.Faults.Add(new FaultRule { Route = EmulatorRoute.S3, Method = "PUT", Kind = FaultKind.ServerError, Times = 1, StatusCode = 500 });
        emulator.Faults.Add(new FaultRule { Route = EmulatorRoute.S3, Method = "PUT", Kind = FaultKind.DropConnection, Times = 1, DropAfterBytes = 1000 });
        var progress = new List<StagingProgress>();

        var staged = await client.StageAsync(file.Path, new SynchronousProgress<StagingProgress>(progress.Add));

        Assert.Equal(3, staged.PartCount);
        Assert.True(emulator.TryGetStagedObject(staged.Bucket, staged.Key, out var content));
        Assert.Equal(File.ReadAllBytes(file.Path), content);
        Assert.Empty(emulator.OpenMultipartUploads);
        Assert.Equal(staged.Size, progress[^1].BytesAcknowledged);
        Assert.Contains(emulator.Requests, r => r.Route == EmulatorRoute.S3 && r.InjectedFault == FaultKind.DropConnection);
    }

    [Fact]
    public async Task The_list_follows_the_emulators_Link_headers_page_by_page()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromMilliseconds(50), RateLimitPerMinute = 0 });
        using var client = Client(emulator, emulator.MintToken("walker"));
        using var file = TempFile.WithText(GeoJson);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await client.UploadAsync(file.Path, TilesetId.Parse(FreshMapId(), client.Username))).Id);
        }

        var listed = await ListAllAsync(client, new ListUploadsOptions { PageSize = 1 });

        Assert.Equal(ids.AsEnumerable().Reverse(), listed.Select(u => u.Id));
        Assert.Equal(3, emulator.Requests.Count(r => r.Route == EmulatorRoute.List));
    }

    [Fact]
    public async Task A_token_without_uploads_write_gets_a_clear_refusal_before_staging()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { RateLimitPerMinute = 0 });
        using var client = Client(emulator, emulator.MintToken("walker", "uploads:read", "uploads:list"));
        using var file = TempFile.WithText(GeoJson);

        var ex = await Assert.ThrowsAsync<MapboxApiException>(() => client.UploadAsync(file.Path, TilesetId.Parse(FreshMapId(), client.Username)));

        Assert.Equal(403, ex.StatusCode);
        Assert.Contains("uploads:write", ex.Message);
        Assert.DoesNotContain(emulator.Requests, r => r.Route == EmulatorRoute.S3);
    }

    [Fact]
    public async Task A_rate_limited_status_call_waits_for_the_reset_and_succeeds()
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromMilliseconds(50), RateLimitPerMinute = 0 });
        using var client = Client(emulator, emulator.MintToken("walker"));
        using var file = TempFile.WithText(GeoJson);
        var upload = await client.UploadAsync(file.Path, TilesetId.Parse(FreshMapId(), client.Username));
        emulator.Faults.RateLimitNext(EmulatorRoute.Status, 1, TimeSpan.FromSeconds(1));

        var status = await client.GetStatusAsync(upload.Id);

        Assert.Equal(upload.Id, status.Id);
        Assert.Equal(new[] { 429, 200 }, emulator.Requests.Where(r => r.Route == EmulatorRoute.Status).Select(r => r.StatusCode));
    }

    [Theory]
    [InlineData(UploadsOperations.List, "uploads:list", "uploads:write", "uploads:read")]
    [InlineData(UploadsOperations.Status, "uploads:read", "uploads:write", "uploads:list")]
    [InlineData(UploadsOperations.Credentials, "uploads:write", "uploads:read", "uploads:list")]
    public async Task A_call_refused_for_a_missing_scope_names_the_scope_it_needs(string operation, string needed, params string[] scopes)
    {
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { RateLimitPerMinute = 0 });
        using var client = Client(emulator, emulator.MintToken("walker", scopes));

        var refused = await Assert.ThrowsAsync<MapboxApiException>(() => operation switch
        {
            UploadsOperations.List => ListAllAsync(client),
            UploadsOperations.Status => client.GetStatusAsync("cjzv2ngf9000s3bnppv6eh3uy"),
            _ => client.RequestCredentialsAsync(),
        });

        Assert.Equal(MapboxApiFailure.ScopeMissing, refused.Failure);
        Assert.Equal(needed, refused.MissingScope);
        Assert.Equal(operation, refused.Operation);
    }
}
