using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Tests.Validation;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Tests.Tilesets;

/// <summary>
/// What goes up for a tileset source is what was checked: the checks hash each file in their one read, and the
/// request body hashes what it reads and cuts the request short when the two differ. Against the emulator on 127.0.0.1.
/// </summary>
public sealed class SourceIntegrityTests : IAsyncLifetime, IDisposable
{
    private const string Feature = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[13.4,52.5]},\"properties\":{\"name\":\"a\"}}";
    private const string OtherFeature = "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[13.4,52.6]},\"properties\":{\"name\":\"b\"}}";
    private readonly TempFiles _files = new();
    private readonly ConcurrentQueue<RequestLogEntry> _attempts = new();
    private EmulatorServer _emulator = null!;
    private TilesetsClient _client = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { TilesetProcessingTime = TimeSpan.FromMilliseconds(100) });
        _client = new TilesetsClient(MapboxAccessToken.Parse(_emulator.MintToken("alice", EmulatorServer.TilesetScopes.ToArray())), new TilesetsClientOptions
        {
            ApiBaseUrl = _emulator.BaseUrl,
            RequestLogged = _attempts.Enqueue,
            Retry = new RetryOptions { MaxAttempts = 3, InitialDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) },
        });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _emulator.DisposeAsync();
    }

    public void Dispose() => _files.Dispose();

    public static TheoryData<string, string> Checked => new()
    {
        // Trailing white space after the root: the converter stops at the root's end, the hash covers every byte.
        { "roads.geojson", "{\"type\":\"FeatureCollection\",\"features\":[\n" + Feature + ",\n" + Feature + "]}\n\n  \n" },
        { "roads.ldgeojson", Feature + "\n" + Feature },
    };

    [Theory]
    [MemberData(nameof(Checked))]
    public async Task The_checks_hash_every_byte_in_their_read_and_the_same_bytes_go_up(string name, string text)
    {
        var path = _files.WriteText(name, text);

        var check = TilesetSourceValidator.Check("roads", new[] { path }, computeSha256: true, default);
        var file = Assert.Single(check.Files);
        var result = await _client.ReplaceSourceAsync("roads", path, file.ContentSha256);

        Assert.Empty(check.Problems);
        Assert.Equal(Sha256Of(path), file.ContentSha256);
        Assert.Equal(new FileInfo(path).Length, file.Length);
        Assert.Equal(1, result.Files);
    }

    [Theory]
    [InlineData("roads.geojson")]
    [InlineData("roads.ldgeojson")]
    public async Task A_file_changed_since_its_checks_fails_with_FileChangedException_after_one_attempt_and_the_service_keeps_nothing(string name)
    {
        var path = _files.WriteText(name, name.EndsWith(".geojson", StringComparison.Ordinal) ? "{\"type\":\"FeatureCollection\",\"features\":[" + Feature + "]}" : Feature + "\n");
        var checkedSha256 = Assert.Single(TilesetSourceValidator.Check("roads", new[] { path }, computeSha256: true, default).Files).ContentSha256!;
        File.WriteAllText(path, File.ReadAllText(path).Replace(Feature, OtherFeature, StringComparison.Ordinal));

        var changed = await Assert.ThrowsAsync<FileChangedException>(() => _client.ReplaceSourceAsync("roads", path, checkedSha256));

        Assert.Equal(path, changed.FilePath);
        Assert.Equal(checkedSha256, changed.ExpectedSha256);
        Assert.Equal(Sha256Of(path), changed.ActualSha256);
        Assert.Single(_attempts, attempt => attempt.Operation == TilesetsOperations.ReplaceSource);
        var missing = await Assert.ThrowsAsync<MapboxApiException>(() => _client.GetSourceAsync("roads"));
        Assert.Equal(MapboxApiFailure.NotFound, missing.Failure);
    }

    [Fact]
    public async Task UploadSourceAsync_compares_each_file_with_its_checks()
    {
        var first = _files.WriteText("roads.ldgeojson", Feature + "\n");
        var second = _files.WriteText("extra.ldgeojson", OtherFeature + "\n");

        var results = await _client.UploadSourceAsync("roads", new[] { first, second });

        Assert.Equal(2, results[^1].Files);
        Assert.Equal(2, _attempts.Count(attempt => attempt.StatusCode == 200));
    }

    [Fact]
    public void The_checks_tag_the_blocks_of_a_file_sent_as_it_is_and_not_of_a_converted_one()
    {
        var lines = _files.WriteText("roads.ldgeojson", Feature + "\n");
        var collection = _files.WriteText("roads.geojson", "{\"type\":\"FeatureCollection\",\"features\":[" + Feature + "]}");

        var files = TilesetSourceValidator.Check("roads", new[] { lines, collection }, computeSha256: true, default).Files;

        Assert.Equal(new FileInfo(lines).Length, files[0].Tags!.Length);
        Assert.Null(files[1].Tags);
        Assert.Null(Assert.Single(TilesetSourceValidator.Check("roads", new[] { lines }, computeSha256: false, default).Files).Tags);
    }

    [Fact]
    public async Task Compared_by_block_tags_the_same_bytes_go_up_and_a_changed_block_of_the_same_length_stops_the_request()
    {
        var path = _files.WriteText("trails.ldgeojson", string.Concat(Enumerable.Repeat(Feature + "\n", 30_000)));
        var checkedFile = Assert.Single(TilesetSourceValidator.Check("trails", new[] { path }, computeSha256: true, default).Files);
        Assert.True(checkedFile.Length > 2 * ContentTags.BlockSize, "the file spans three blocks");

        await _client.SendCheckedSourceFileAsync("trails", true, path, checkedFile.ContentSha256, checkedFile.Tags, default);
        Assert.Equal(File.ReadAllBytes(path), Assert.Single(_emulator.SourceFiles("alice", "trails")!));

        // One byte in the second block, the length kept: only a comparison of the bytes can see it.
        var bytes = File.ReadAllBytes(path);
        var at = Array.IndexOf(bytes, (byte)'a', ContentTags.BlockSize + 10);
        bytes[at] = (byte)'b';
        File.WriteAllBytes(path, bytes);
        _attempts.Clear();

        var changed = await Assert.ThrowsAsync<FileChangedException>(() => _client.SendCheckedSourceFileAsync("trails", true, path, checkedFile.ContentSha256, checkedFile.Tags, default));

        Assert.Equal((path, checkedFile.ContentSha256), (changed.FilePath, changed.ExpectedSha256));
        Assert.Contains($"from offset {ContentTags.BlockSize} on are not the bytes its checks read", changed.Message, StringComparison.Ordinal);
        Assert.Single(_attempts, attempt => attempt.Operation == TilesetsOperations.ReplaceSource);
        Assert.Equal(checkedFile.Length, Assert.Single(_emulator.SourceFiles("alice", "trails")!).Length);
        Assert.NotEqual(bytes, Assert.Single(_emulator.SourceFiles("alice", "trails")!));

        File.WriteAllBytes(path, bytes.Concat(new[] { (byte)'\n' }).ToArray());
        var longer = await Assert.ThrowsAsync<FileChangedException>(() => _client.SendCheckedSourceFileAsync("trails", false, path, checkedFile.ContentSha256, checkedFile.Tags, default));
        Assert.Contains($"it is {checkedFile.Length + 1} bytes long, not the {checkedFile.Length} its checks read", longer.Message, StringComparison.Ordinal);
        Assert.Single(_emulator.SourceFiles("alice", "trails")!);
    }

    private static string Sha256Of(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))).ToLowerInvariant();
}
