using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Mapbox.Uploads.Tool.Tests.Infrastructure;

namespace Mapbox.Uploads.Tool.Tests;

[Collection(ToolCollection.Name)]
public sealed class SecretTests(ToolFixture fixture)
{
    [Fact]
    public async Task No_output_of_any_run_holds_the_token_or_a_staging_secret()
    {
        var file = fixture.WriteData("secrets.geojson", Samples.ValidGeoJson);
        var failing = Samples.UniqueMapId("secret-fail");
        fixture.Emulator.Processing.FailTileset($"{ToolFixture.Username}.{failing}", "Failed to parse geojson feature");
        var readOnlyToken = fixture.Emulator.MintToken(ToolFixture.Username, "uploads:read");
        var runs = new List<ToolRun>
        {
            await fixture.RunAsync("upload", file, Samples.UniqueMapId("secret"), "--json"),
            await fixture.RunAsync("upload", file, failing),
            await fixture.RunAsync("list", "--max", "5"),
            await fixture.RunAsync("status", "unknownunknownunknownunkn"),
            await fixture.RunAsync("delete", "unknownunknownunknownunkn", "--json"),
            await fixture.RunWithEnvironmentAsync(["list", "--api-url", fixture.Emulator.BaseUrl.ToString()],
                new Dictionary<string, string?> { ["MAPBOX_ACCESS_TOKEN"] = readOnlyToken }),
        };
        Assert.Equal([0, 1, 0, 1, 1, 1], runs.Select(run => run.ExitCode));

        var secrets = fixture.Emulator.IssuedCredentials.SelectMany(issued => new[] { issued.SecretAccessKey, issued.SessionToken })
            .Append(fixture.Token)
            .Append(readOnlyToken)
            .ToList();
        Assert.NotEmpty(fixture.Emulator.IssuedCredentials);
        foreach (var run in fixture.Runs)
        {
            foreach (var secret in secrets)
            {
                Assert.False(run.AllOutput.Contains(secret, System.StringComparison.Ordinal), $"A secret appeared in the output of {run.CommandLine}.");
            }
        }
    }
}
