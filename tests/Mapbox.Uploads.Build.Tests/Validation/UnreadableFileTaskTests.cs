using System;
using System.IO;
using System.Threading.Tasks;
using Mapbox.Uploads.Build.Tests.Infrastructure;
using Mapbox.Uploads.Emulator;

namespace Mapbox.Uploads.Build.Tests.Validation;

/// <summary>Ring 1: a data file that exists but that no one can open, root included, is MBX3004; a dangling link is MBX3001; nothing is sent.</summary>
public sealed class UnreadableFileTaskTests : IAsyncLifetime, IDisposable
{
    private readonly TaskHarness _harness = new();
    private EmulatorServer _emulator = null!;

    public async Task InitializeAsync()
    {
        _emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromMilliseconds(100), RateLimitPerMinute = 0 });
        _harness.Environment["MAPBOX_ACCESS_TOKEN"] = _emulator.MintToken("cityworks");
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    public void Dispose() => _harness.Dispose();

    [Theory]
    [InlineData("true")]
    [InlineData("false")]
    public void A_socket_at_the_data_path_is_unreadable_whether_or_not_content_is_validated(string validate)
    {
        var path = Path.Combine(_harness.Directory, "live.geojson");
        using var socket = UnreadableFiles.BindSocket(path);
        _harness.Write("good.geojson", SampleData.RoadsGeoJson);
        _harness.Item("live.geojson", "live", ("Validate", validate)).Item("good.geojson", "good");

        var (succeeded, engine, _) = _harness.Run(_emulator.BaseUrl.ToString());

        Assert.False(succeeded);
        var error = Assert.Single(engine.Errors);
        Assert.Equal(("MBX3004", path, 0, 0), (error.Code, error.File, error.LineNumber, error.ColumnNumber));
        Assert.Contains("live.geojson (tileset cityworks.live): The file could not be opened or read: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(ErrorCodes.FileUnreadable.Help, error.Message, StringComparison.Ordinal);
        Assert.Empty(_emulator.Requests);
    }

    [Fact]
    public void A_link_whose_target_is_gone_is_a_missing_file_not_an_unreadable_one()
    {
        var path = Path.Combine(_harness.Directory, "live.geojson");
        File.CreateSymbolicLink(path, Path.Combine(_harness.Directory, "gone.geojson"));
        _harness.Item("live.geojson", "live");

        var (succeeded, engine, _) = _harness.Run(_emulator.BaseUrl.ToString());

        Assert.False(succeeded);
        var error = Assert.Single(engine.Errors);
        Assert.Equal(("MBX3001", path), (error.Code, error.File));
        Assert.Contains("live.geojson (tileset cityworks.live): This path is a link whose target does not exist.", error.Message, StringComparison.Ordinal);
        Assert.Empty(_emulator.Requests);
    }
}
