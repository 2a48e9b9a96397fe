using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

/// <summary>Clients nobody here wrote (@mapbox/mapbox-sdk, @aws-sdk/client-s3) run against the emulator.</summary>
public class ConformanceTests
{
    private static readonly TimeSpan NodeTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Mapbox_js_sdk_and_aws_sdk_run_the_whole_upload_flow_against_the_emulator()
    {
        var directory = InstalledConformanceDirectory();
        await using var emulator = await EmulatorServer.StartAsync(
            new EmulatorOptions { ProcessingTime = TimeSpan.FromMilliseconds(300), DefaultListLimit = 2 });

        var (exitCode, output) = await RunNodeAsync(directory, "conformance.mjs", emulator.BaseUrl.ToString(), emulator.MintToken("conformer"));

        Assert.True(exitCode == 0, $"node conformance.mjs exited with {exitCode}:\n{output}");
        var refusals = emulator.Requests.Where(request => request.StatusCode >= 400).Select(request => (request.Route, request.StatusCode));
        Assert.Equal([(EmulatorRoute.Status, 404)], refusals);
        Assert.Contains(emulator.Requests, request => request.Route == EmulatorRoute.S3 && request.Method == "PUT" && request.StatusCode == 200);
        Assert.True(emulator.Requests.Count(request => request.Route == EmulatorRoute.List) >= 3 + 3 + 1);
    }

    [Fact]
    public async Task Mapbox_js_sdk_tilesets_service_runs_source_recipe_publish_and_job_against_the_emulator()
    {
        var directory = InstalledConformanceDirectory();
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions { TilesetProcessingTime = TimeSpan.FromMilliseconds(300) });

        var (exitCode, output) = await RunNodeAsync(directory, "tilesets.mjs", emulator.BaseUrl.ToString(), emulator.MintToken("conformer", [.. EmulatorServer.TilesetScopes]));

        Assert.True(exitCode == 0, $"node tilesets.mjs exited with {exitCode}:\n{output}");
        // The one refusal expected: the SDK's own empty source form (mapbox-sdk-js #486), which the script checks.
        var refusals = emulator.Requests.Where(request => request.StatusCode >= 400).Select(request => (request.Route, request.Method, request.StatusCode));
        Assert.Equal([(EmulatorRoute.TilesetSources, "POST", 400)], refusals);
        Assert.Contains(emulator.Requests, request => request.Route == EmulatorRoute.TilesetPublish && request.StatusCode == 200);
        Assert.Contains(emulator.Requests, request => request.Route == EmulatorRoute.TilesetSources && request.Method == "DELETE" && request.StatusCode == 204);
    }

    private static string InstalledConformanceDirectory()
    {
        var directory = ConformanceScript.Directory("ConformanceDirectory");
        Assert.True(
            Directory.Exists(Path.Combine(directory, "node_modules", "@mapbox", "mapbox-sdk")),
            $"The JS conformance check's packages are not installed in {directory}. Run: npm ci --prefix tests/conformance-js");
        return directory;
    }

    private static Task<(int ExitCode, string Output)> RunNodeAsync(string directory, string script, string emulatorUrl, string token) =>
        ConformanceScript.RunAsync(
            "node",
            [script],
            directory,
            new Dictionary<string, string> { ["EMULATOR_URL"] = emulatorUrl, ["EMULATOR_TOKEN"] = token },
            NodeTimeout,
            "install Node.js 20+ and run: npm ci --prefix tests/conformance-js");
}
