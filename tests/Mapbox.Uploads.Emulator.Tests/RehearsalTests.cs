using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

/// <summary>The failures a user rehearses from the command line, run as a process.</summary>
public sealed class RehearsalTests : IDisposable
{
    private readonly string _requestLog = Path.Combine(Path.GetTempPath(), $"emulator-requests-{Guid.NewGuid():N}.jsonl");

    [Fact]
    public async Task Command_injects_faults_mints_limited_tokens_and_records_requests_to_a_file()
    {
        await using var emulator = await EmulatorProcess.StartAsync(
            [
                "--username", "carol", "--rate-limit", "0", "--request-log", _requestLog,
                "--fault", "route=credentials,kind=error,status=500,times=1",
                "--token", "label=readonly,scopes=uploads:read+uploads:list",
                "--token", "label=other,account=mallory",
                "--token", "label=revoked,revoke-after=0",
            ],
            extraTokens: 3);
        using var carol = emulator.Session(username: "carol");

        Assert.Equal(500, await PostCredentialsAsync(carol, emulator.Tokens[""]));
        Assert.Equal(200, await PostCredentialsAsync(carol, emulator.Tokens[""]));
        Assert.Equal(403, await PostCredentialsAsync(carol, emulator.Tokens["readonly"]));
        Assert.Equal(403, await PostCredentialsAsync(carol, emulator.Tokens["other"]));
        Assert.Equal(401, await PostCredentialsAsync(carol, emulator.Tokens["revoked"]));

        var records = File.ReadAllLines(_requestLog).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal([500, 200, 403, 403, 401], records.Select(record => record.GetProperty("statusCode").GetInt32()));
        Assert.All(records, record => Assert.Equal("Credentials", record.GetProperty("route").GetString()));
        Assert.Equal("ServerError", records[0].GetProperty("injectedFault").GetString());
        var logText = File.ReadAllText(_requestLog);
        Assert.All(emulator.Tokens.Values, token => Assert.DoesNotContain(token.Split('.')[2], logText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Command_fails_processing_by_tileset_and_can_stop_judging_content()
    {
        await using var emulator = await EmulatorProcess.StartAsync(
            ["--username", "carol", "--rate-limit", "0", "--processing-seconds", "0", "--fail-tileset", "roads=Tileset exceeds processing limit.", "--inspect-content", "off"]);
        using var carol = emulator.Session(username: "carol");

        var failed = await CreateAndReadAsync(carol, "roads", """{"type":"FeatureCollection","features":[]}""");
        var unjudged = await CreateAndReadAsync(carol, "parks", "{ this is not json");

        Assert.Equal("Tileset exceeds processing limit.", failed.GetProperty("error").GetString());
        Assert.Equal(JsonValueKind.Null, unjudged.GetProperty("error").ValueKind);
        Assert.True(unjudged.GetProperty("complete").GetBoolean());
    }

    public void Dispose() => File.Delete(_requestLog);

    private static async Task<int> PostCredentialsAsync(ApiSession session, string token)
    {
        using var response = await session.Http.PostAsync(session.ApiPath("/credentials", token: token), null);
        return (int)response.StatusCode;
    }

    private static async Task<JsonElement> CreateAndReadAsync(ApiSession session, string tilesetId, string content)
    {
        var url = await session.StageAsync(content);
        using var created = await session.CreateAsync($"{session.Username}.{tilesetId}", url);
        Assert.Equal(201, (int)created.StatusCode);
        var id = (await ApiSession.ReadJsonAsync(created)).GetProperty("id").GetString()!;
        return await session.GetUploadAsync(id);
    }
}
