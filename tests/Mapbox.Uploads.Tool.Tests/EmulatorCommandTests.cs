using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Mapbox.Uploads.Tool.Tests.Infrastructure;

namespace Mapbox.Uploads.Tool.Tests;

[Collection(ToolCollection.Name)]
public sealed class EmulatorCommandTests(ToolFixture fixture)
{
    private static readonly TimeSpan StartBound = TimeSpan.FromSeconds(60);
    private static readonly Dictionary<string, string?> NoToken = new();

    [Fact]
    public async Task The_emulator_takes_its_own_options_prints_its_address_and_a_token_serves_the_other_commands_and_stops_on_Ctrl_C_with_exit_0()
    {
        ToolRun? upload = null;
        ToolRun? failed = null;
        string[] arguments = ["emulator", "--port", "0", "--processing-seconds", "0.2", "--username", "rehearsal", "--fail-tileset", "rehearsal.broken=Failed to parse geojson feature"];
        var run = await fixture.RunWithEnvironmentAsync(arguments, NoToken, async emulator =>
        {
            var url = (await emulator.WaitForOutputLineAsync("Listening on ", StartBound))["Listening on ".Length..];
            var token = (await emulator.WaitForOutputLineAsync("Token: ", StartBound))["Token: ".Length..];
            var file = fixture.WriteData("rehearsal.geojson", Samples.ValidGeoJson);
            var environment = new Dictionary<string, string?> { ["MAPBOX_ACCESS_TOKEN"] = token };
            upload = await fixture.RunWithEnvironmentAsync(["upload", file, "roads", "--api-url", url], environment);
            failed = await fixture.RunWithEnvironmentAsync(["upload", file, "broken", "--api-url", url], environment);
            await emulator.InterruptAsync();
        });

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Matches(@"^Listening on http://127\.0\.0\.1:\d+/\r?\nToken: sk\.", run.StandardOutput);
        Assert.NotNull(upload);
        Assert.True(upload.ExitCode == 0, upload.ToString());
        Assert.Contains("-> rehearsal.roads: upload ", upload.StandardOutput);
        Assert.NotNull(failed);
        Assert.True(failed.ExitCode == 1, failed.ToString());
        Assert.Contains("error MBX6001: Processing failed: rehearsal.broken, upload ", failed.StandardError);
    }

    [Fact]
    public async Task The_emulator_with_json_prints_only_its_address_and_token_as_json()
    {
        var run = await fixture.RunWithEnvironmentAsync(["emulator", "--json"], NoToken, async emulator =>
        {
            await emulator.WaitForOutputLineAsync("}", StartBound);
            await emulator.InterruptAsync();
        });

        Assert.True(run.ExitCode == 0, run.ToString());
        var started = run.Json();
        Assert.StartsWith("http://127.0.0.1:", started.GetProperty("url").GetString());
        Assert.StartsWith("sk.", started.GetProperty("token").GetString());
    }
}
