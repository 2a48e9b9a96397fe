using System;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Tests.Api;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Staging;

/// <summary>
/// The staged bytes are the checked bytes, against the emulator: links are staged as their targets, a file that
/// changes, shrinks or grows while its parts are in flight fails with <see cref="FileChangedException"/> before any
/// create, S3 refuses a body altered on the way, and credentials that expire part-way are replaced.
/// </summary>
public sealed class StagingIntegrityTests
{
    private const int MiB = 1024 * 1024;

    private static UploadsClient Client(EmulatorServer emulator, HttpMessageHandler? handler = null) => new(
        MapboxAccessToken.Parse(emulator.MintToken("alice")),
        new UploadsClientOptions
        {
            ApiBaseUrl = emulator.BaseUrl,
            HttpClient = handler is null ? null : new HttpClient(handler),
            MultipartThreshold = 6 * MiB,
            PartSize = 5 * MiB,
            MaxConcurrentParts = 2,
            Retry = new RetryOptions { MaxAttempts = 3, InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50) },
        });

    private static Task<EmulatorServer> StartAsync(TimeProvider? clock = null, TimeSpan? credentialLifetime = null) => EmulatorServer.StartAsync(new EmulatorOptions
    {
        RateLimitPerMinute = 0,
        ProcessingTime = TimeSpan.Zero,
        TimeProvider = clock ?? TimeProvider.System,
        CredentialLifetime = credentialLifetime,
    });

    [Fact]
    public async Task A_symbolic_link_is_staged_as_its_whole_target()
    {
        using var target = TempFile.WithText(GeoJson(40_000));
        var link = target.Path + ".link.geojson";
        File.CreateSymbolicLink(link, target.Path);
        try
        {
            await using var emulator = await StartAsync();
            using var client = Client(emulator);

            var upload = await client.UploadAsync(link, TilesetId.Parse("linked", "alice"));

            var credentials = Assert.Single(emulator.IssuedCredentials);
            Assert.True(emulator.TryGetStagedObject(credentials.Bucket, credentials.Key, out var staged));
            Assert.Equal(target.Sha256(), Sha256(staged));
            Assert.True(new FileInfo(target.Path).Length > new FileInfo(link).Length, "the link itself is shorter than its target");
            Assert.Equal("alice.linked", upload.Tileset);
        }
        finally
        {
            File.Delete(link);
        }
    }

    [Fact]
    public async Task A_file_rewritten_while_its_parts_are_in_flight_fails_before_create_and_leaves_no_upload()
    {
        using var file = TempFile.WithText(GeoJson(18 * MiB));
        var checkedSha256 = file.Sha256();
        var changedAt = -1;
        await using var outcome = await StageWhileChangingAsync(file, path => changedAt = RewriteLastPoint(path));

        var changed = Assert.IsType<FileChangedException>(outcome.Failure);
        Assert.Equal(checkedSha256, changed.ExpectedSha256);
        Assert.Null(changed.ActualSha256); // compared by the checks' block tags, not hashed again
        Assert.Contains("changed while it was being staged", changed.Message);
        Assert.Contains($"from offset {changedAt / MiB * MiB} on are not the bytes its checks read", changed.Message);
        outcome.AssertNothingCreatedOrLeftOpen();
    }

    [Fact]
    public async Task With_only_a_recorded_SHA_256_the_parts_are_read_in_order_and_a_rewrite_names_both_hashes()
    {
        using var file = TempFile.WithText(GeoJson(18 * MiB));
        var checkedSha256 = file.Sha256();
        await using var outcome = await StageWhileChangingAsync(
            file,
            path => RewriteLastPoint(path),
            new UploadOptions { Validate = false, ExpectedSha256 = checkedSha256 });

        var changed = Assert.IsType<FileChangedException>(outcome.Failure);
        Assert.Equal(checkedSha256, changed.ExpectedSha256);
        Assert.Equal(file.Sha256(), changed.ActualSha256);
        Assert.Contains($"not the {checkedSha256} recorded when it was checked", changed.Message);
        outcome.AssertNothingCreatedOrLeftOpen();
    }

    [Fact]
    public async Task A_file_truncated_while_its_parts_are_in_flight_fails_at_once_with_FileChangedException()
    {
        using var file = TempFile.WithText(GeoJson(18 * MiB));
        await using var outcome = await StageWhileChangingAsync(file, path =>
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
            stream.SetLength(12 * MiB);
        });

        var changed = Assert.IsType<FileChangedException>(outcome.Failure);
        Assert.Null(changed.ActualSha256);
        Assert.Contains($"ended after {12 * MiB} of the", changed.Message);
        outcome.AssertNothingCreatedOrLeftOpen();
        Assert.Equal(1, outcome.Emulator.Requests.Count(r => r.Route == EmulatorRoute.Credentials));
    }

    [Fact]
    public async Task A_file_that_grows_while_it_is_staged_fails_with_FileChangedException()
    {
        using var file = TempFile.WithText(GeoJson(18 * MiB));
        await using var outcome = await StageWhileChangingAsync(file, path => File.AppendAllText(path, "\n"));

        var changed = Assert.IsType<FileChangedException>(outcome.Failure);
        Assert.Contains("grew past the", changed.Message);
        outcome.AssertNothingCreatedOrLeftOpen();
    }

    [Fact]
    public async Task A_changed_small_file_sends_nothing_at_all()
    {
        await using var emulator = await StartAsync();
        using var client = Client(emulator);
        using var file = TempFile.WithText(GeoJson(100_000));

        var failure = await Assert.ThrowsAsync<FileChangedException>(() => client.UploadAsync(
            file.Path, TilesetId.Parse("small", "alice"), new UploadOptions { Validate = false, ExpectedSha256 = new string('0', 64) }));

        Assert.Equal(file.Sha256(), failure.ActualSha256);
        Assert.DoesNotContain(emulator.Requests, r => r.Route is EmulatorRoute.S3 or EmulatorRoute.Create);
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(12 * MiB)]
    public async Task A_body_altered_on_the_way_is_refused_by_S3_and_nothing_is_created(int length)
    {
        await using var emulator = await StartAsync();
        using var client = Client(emulator, new CorruptingHandler());
        using var file = TempFile.WithText(GeoJson(length));

        var failure = await Assert.ThrowsAsync<StagingException>(() => client.UploadAsync(file.Path, TilesetId.Parse("corrupted", "alice")));

        Assert.Equal(("BadDigest", 400), (failure.S3ErrorCode, failure.StatusCode));
        Assert.DoesNotContain(emulator.Requests, r => r.Route == EmulatorRoute.Create);
        Assert.Empty(emulator.OpenMultipartUploads);
        Assert.All(emulator.IssuedCredentials, c => Assert.False(emulator.TryGetStagedObject(c.Bucket, c.Key, out _)));
    }

    [Fact]
    public async Task Credentials_that_expire_part_way_are_replaced_and_the_file_staged_again_under_the_new_key()
    {
        var clock = new SettableClock();
        await using var emulator = await StartAsync(clock, TimeSpan.FromMinutes(15));
        using var client = Client(emulator);
        using var file = TempFile.WithText(GeoJson(18 * MiB));
        var expired = 0;
        var progress = new SynchronousProgress<StagingProgress>(p =>
        {
            if (p.BytesAcknowledged > 0 && Interlocked.Exchange(ref expired, 1) == 0)
            {
                clock.Advance(TimeSpan.FromMinutes(16));
            }
        });

        var upload = await client.UploadAsync(file.Path, TilesetId.Parse("long", "alice"), progress: progress);

        Assert.Equal(2, emulator.IssuedCredentials.Count);
        var refused = emulator.Requests.Where(r => r.Route == EmulatorRoute.S3 && r.StatusCode == 400).ToList();
        Assert.NotEmpty(refused);
        Assert.Contains(refused, r => r.Method == "DELETE"); // the abort was tried; S3 refuses it once the token expired
        var staged = emulator.IssuedCredentials.Where(c => emulator.TryGetStagedObject(c.Bucket, c.Key, out _)).ToList();
        var second = Assert.Single(staged);
        Assert.True(emulator.TryGetStagedObject(second.Bucket, second.Key, out var content));
        Assert.Equal(file.Sha256(), Sha256(content));
        Assert.Equal("alice.long", upload.Tileset);
    }

    // Same length, different content, in the last part: only a comparison of what was streamed notices. Returns the offset.
    private static int RewriteLastPoint(string path)
    {
        var text = File.ReadAllText(path);
        var at = text.LastIndexOf("[1.5,", StringComparison.Ordinal);
        File.WriteAllText(path, text.Substring(0, at) + "[3.5," + text.Substring(at + 5));
        return at;
    }

    private static async Task<ChangeOutcome> StageWhileChangingAsync(TempFile file, Action<string> change, UploadOptions? options = null)
    {
        var emulator = await StartAsync();
        // Slow parts keep several in flight when the first is acknowledged, so the change lands mid-staging.
        emulator.Faults.DelayNext(EmulatorRoute.S3, TimeSpan.FromMilliseconds(300), times: null);
        using var client = Client(emulator);
        var changed = 0;
        var progress = new SynchronousProgress<StagingProgress>(p =>
        {
            if (p.BytesAcknowledged > 0 && Interlocked.Exchange(ref changed, 1) == 0)
            {
                change(file.Path);
            }
        });

        var failure = await Record.ExceptionAsync(() => client.UploadAsync(file.Path, TilesetId.Parse("changing", "alice"), options, progress));
        Assert.Equal(1, changed);
        return new ChangeOutcome(emulator, failure);
    }

    private static string GeoJson(int approximateLength)
    {
        const string Feature = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[1.5,2.5]},\"properties\":{\"name\":\"a point\"}}";
        var text = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[", approximateLength + Feature.Length);
        text.Append(Feature);
        while (text.Length < approximateLength)
        {
            text.Append(',').Append(Feature);
        }

        return text.Append("]}").ToString();
    }

    private static string Sha256(byte[] content) => Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant();

    private sealed record ChangeOutcome(EmulatorServer Emulator, Exception? Failure) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Emulator.DisposeAsync();

        public void AssertNothingCreatedOrLeftOpen()
        {
            Assert.DoesNotContain(Emulator.Requests, r => r.Route == EmulatorRoute.Create);
            Assert.Empty(Emulator.OpenMultipartUploads);
            Assert.Contains(Emulator.Requests, r => r.Route == EmulatorRoute.S3 && r.Method == "DELETE");
            Assert.All(Emulator.IssuedCredentials, c => Assert.False(Emulator.TryGetStagedObject(c.Bucket, c.Key, out _)));
            Assert.Single(Emulator.IssuedCredentials);
        }
    }

    private sealed class SettableClock : TimeProvider
    {
        private long _offsetTicks;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

        public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
