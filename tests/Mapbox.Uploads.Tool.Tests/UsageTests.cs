using System.Collections.Generic;
using System.Threading.Tasks;
using Mapbox.Uploads.Tool.Tests.Infrastructure;

namespace Mapbox.Uploads.Tool.Tests;

[Collection(ToolCollection.Name)]
public sealed class UsageTests(ToolFixture fixture)
{
    [Theory]
    [InlineData("upload", "FILE MAPID")]
    [InlineData("check", "FILE")]
    [InlineData("status", "UPLOAD_ID")]
    [InlineData("wait", "UPLOAD_ID")]
    [InlineData("list", "--reverse")]
    [InlineData("delete", "UPLOAD_ID")]
    [InlineData("emulator", "--processing-seconds")]
    public async Task Every_command_has_help(string command, string mentioned)
    {
        var run = await fixture.RunAsync(command, "--help");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains($"dotnet-mapbox {command}", run.StandardOutput);
        Assert.Contains(mentioned, run.StandardOutput.Replace("<", string.Empty).Replace(">", string.Empty));
    }

    [Theory]
    [InlineData("list --max 0", "--max takes a whole number above 0, not '0'.")]
    [InlineData("wait", "Required argument missing for command: 'wait'.")]
    [InlineData("upload only-a-file.geojson", "Required argument missing for command: 'upload'.")]
    [InlineData("frobnicate", "Unrecognized command or argument 'frobnicate'")]
    [InlineData("upload a.geojson roads --timeout soon", "--timeout takes a whole number above 0, not 'soon'.")]
    [InlineData("emulator --port http", "Unknown option or invalid value: --port http")]
    public async Task A_bad_argument_exits_2_with_a_clear_message_and_sends_nothing(string arguments, string message)
    {
        var requestsBefore = fixture.Emulator.Requests.Count;

        var run = await fixture.RunAsync(arguments.Split(' '));

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.StandardError);
        Assert.Empty(run.StandardOutput);
        Assert.Equal(requestsBefore, fixture.Emulator.Requests.Count);
    }

    [Theory]
    [InlineData("bad!id", "error MBX2002: MapId invalid: 'bad!id'")]
    [InlineData("someone-else.roads", "error MBX2003: Tileset owner differs from the token's account: 'someone-else.roads' names the account someone-else")]
    public async Task A_tileset_the_token_cannot_upload_to_exits_2_with_the_tasks_code_before_any_request(string mapId, string message)
    {
        var file = fixture.WriteData("usage.geojson", Samples.ValidGeoJson);
        var requestsBefore = fixture.Emulator.Requests.Count;

        var run = await fixture.RunAsync("upload", file, mapId);

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains(message, run.StandardError);
        Assert.Equal(requestsBefore, fixture.Emulator.Requests.Count);
    }

    [Fact]
    public async Task A_plain_http_address_other_than_this_machine_exits_2_with_MBX1011_and_the_token_goes_nowhere()
    {
        var run = await fixture.RunWithEnvironmentAsync(
            ["list", "--api-url", "http://uploads.example.com/"], new Dictionary<string, string?> { ["MAPBOX_ACCESS_TOKEN"] = fixture.Token });

        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("error MBX1011: ", run.StandardError);
        Assert.Contains("only https:// is allowed", run.StandardError);
    }

    [Fact]
    public async Task Without_a_token_a_command_exits_1_with_MBX1001_naming_the_variable_it_read()
    {
        var run = await fixture.RunWithEnvironmentAsync(
            ["list", "--token-variable", "MY_MAPBOX_TOKEN", "--api-url", fixture.Emulator.BaseUrl.ToString()], new Dictionary<string, string?>());

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains("error MBX1001: Access token missing: set MY_MAPBOX_TOKEN to a token", run.StandardError);
    }

    [Fact]
    public async Task The_token_variable_option_reads_the_token_from_the_variable_it_names()
    {
        var run = await fixture.RunWithEnvironmentAsync(
            ["list", "--max", "1", "--token-variable", "MY_MAPBOX_TOKEN", "--api-url", fixture.Emulator.BaseUrl.ToString()],
            new Dictionary<string, string?> { ["MY_MAPBOX_TOKEN"] = fixture.Token });

        Assert.True(run.ExitCode == 0, run.ToString());
    }
}
