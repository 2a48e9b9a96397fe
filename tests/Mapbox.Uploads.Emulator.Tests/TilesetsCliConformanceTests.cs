using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

/// <summary>
/// The official <c>tilesets</c> CLI (mapbox-tilesets 2.2.0, Python), which nobody here wrote, runs every command the
/// emulator serves (tests/conformance-tilesets/conformance.py); the emulator then holds the bytes the CLI sent.
/// </summary>
public class TilesetsCliConformanceTests
{
    private const string Username = "conformer";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);
    private static readonly TimeSpan VenvTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Official_tilesets_cli_runs_every_command_the_emulator_serves_and_its_bytes_arrive()
    {
        var directory = ConformanceScript.Directory("TilesetsConformanceDirectory");
        var python = await VenvPythonAsync(directory);
        // Jobs long enough for the CLI to meet a running job's lock, short enough to poll: the script needs 1 to 5 s.
        // It publishes three times (publish, publish-changesets, publish of a broken tileset) within the service's 2 a minute.
        await using var emulator = await EmulatorServer.StartAsync(
            new EmulatorOptions { TilesetProcessingTime = TimeSpan.FromSeconds(3), TilesetPublishesPerMinute = 3 });
        var environment = new Dictionary<string, string>
        {
            ["MAPBOX_API"] = emulator.BaseUrl.ToString().TrimEnd('/'),
            ["MAPBOX_ACCESS_TOKEN"] = emulator.MintToken(Username, [.. EmulatorServer.TilesetScopes]),
        };

        var (exitCode, output) = await ConformanceScript.RunAsync(python, ["conformance.py"], directory, environment, ScriptTimeout, MakeVenvHint);

        Assert.True(exitCode == 0, $"conformance.py exited with {exitCode}:\n{output}");
        Assert.Equal([Fixture(directory, "roads.ldgeojson")], Source(emulator, "roads"));
        Assert.Equal([LineDelimited(Fixture(directory, "parks.geojson")), Fixture(directory, "parks-more.ldgeojson")], Source(emulator, "parks"));
        Assert.Equal([Fixture(directory, "dem.tif")], Source(emulator, "dem"));
        Assert.False(emulator.TryGetTilesetSource(Username, "scratch", out _));
        // The changeset job: feature 1 deleted, 2 replaced, 3 added, as the CLI sent them; the other layer untouched.
        var features = emulator.TilesetFeatures($"{Username}.roads");
        Assert.NotNull(features);
        var changes = File.ReadAllLines(Path.Combine(directory, "roads-changes.ldgeojson"));
        Assert.Equal(changes[..^1].Order(StringComparer.Ordinal), features["roads"].Order(StringComparer.Ordinal));
        Assert.Equal(3, features["parks"].Count);
        // Every refusal is one the script provoked and checked; nothing else was refused.
        var refusals = emulator.Requests.Where(request => request.StatusCode >= 400).Select(request => (request.Route, request.Method, request.StatusCode));
        Assert.Equal(
            [
                (EmulatorRoute.Tilesets, "POST", 400), // create of an existing tileset
                (EmulatorRoute.Tilesets, "POST", 400), // create with an invalid recipe
                (EmulatorRoute.TilesetRecipes, "PATCH", 400), // update-recipe with an invalid recipe
                (EmulatorRoute.TilesetSources, "DELETE", 409), // delete-source while its job runs
                (EmulatorRoute.TilesetChangesets, "GET", 404), // view-changeset of the deleted changeset
                (EmulatorRoute.TilesetSources, "GET", 404), // view-source of the deleted source
                (EmulatorRoute.TilesetRecipes, "GET", 404), // view-recipe of the deleted tileset
            ],
            refusals);
    }

    private const string MakeVenvHint =
        "make the tilesets CLI's venv with: bash tests/conformance-tilesets/make-venv.sh (it says which Debian packages it needs; .ci/run installs them)";

    /// <summary>The venv's python, the venv made first when it is missing or half made.</summary>
    private static async Task<string> VenvPythonAsync(string directory)
    {
        var venv = Path.Combine(directory, ".venv");
        if (!File.Exists(Path.Combine(venv, "made-by-make-venv")))
        {
            var (exitCode, output) = await ConformanceScript.RunAsync(
                "bash", ["make-venv.sh"], directory, new Dictionary<string, string>(), VenvTimeout, "bash is required to make the venv");
            Assert.True(exitCode == 0, $"Could not make the tilesets CLI's venv in {venv} (make-venv.sh exited with {exitCode}):\n{output}\nFix the cause above, then {MakeVenvHint}.");
        }
        return Path.Combine(venv, "bin", "python");
    }

    private static byte[] Fixture(string directory, string name) => File.ReadAllBytes(Path.Combine(directory, name));

    private static IReadOnlyList<byte[]> Source(EmulatorServer emulator, string id)
    {
        Assert.True(emulator.TryGetTilesetSource(Username, id, out var files), $"the source {id} exists");
        return files;
    }

    /// <summary>A FeatureCollection as the CLI sends it: one compact Feature per line.</summary>
    private static byte[] LineDelimited(byte[] featureCollection)
    {
        using var document = JsonDocument.Parse(featureCollection);
        var lines = document.RootElement.GetProperty("features").EnumerateArray().Select(feature => JsonSerializer.Serialize(feature) + "\n");
        return Encoding.UTF8.GetBytes(string.Concat(lines));
    }
}
