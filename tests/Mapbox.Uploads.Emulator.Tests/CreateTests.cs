using System;
using System.Net.Http;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

public class CreateTests
{
    [Fact]
    public async Task Create_answers_201_with_the_upload_object()
    {
        await using var session = await EmulatorSession.StartAsync();
        var url = await session.StageAsync("""{"type":"FeatureCollection","features":[]}""");

        using var response = await session.CreateAsync("alice.roads", url, "Roads");
        var upload = await EmulatorSession.ReadJsonAsync(response);

        Assert.Equal(201, (int)response.StatusCode);
        Assert.Matches("^[a-z0-9]{25}$", upload.GetProperty("id").GetString());
        Assert.Equal("alice.roads", upload.GetProperty("tileset").GetString());
        Assert.Equal("Roads", upload.GetProperty("name").GetString());
        Assert.Equal("alice", upload.GetProperty("owner").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", upload.GetProperty("created").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", upload.GetProperty("modified").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, upload.GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task Create_without_a_name_leaves_name_null()
    {
        await using var session = await EmulatorSession.StartAsync();
        var url = await session.StageAsync("a,b\n1,2\n");

        using var response = await session.CreateAsync("alice.points", url);

        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await EmulatorSession.ReadJsonAsync(response)).GetProperty("name").ValueKind);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Create_refuses_anything_but_json_with_415(string mediaType)
    {
        await using var session = await EmulatorSession.StartAsync();
        var url = await session.StageAsync("x");

        using var response = await session.Http.PostAsync(
            session.ApiPath(), new StringContent($$"""{"tileset":"alice.a","url":"{{url}}"}""", Encoding.UTF8, mediaType));

        Assert.Equal(415, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("""{"url":"URL"}""", "Missing required property \"tileset\".")]
    [InlineData("""{"tileset":"alice","url":"URL"}""", "Invalid \"tileset\" value")]
    [InlineData("""{"tileset":"alice.","url":"URL"}""", "Invalid \"tileset\" value")]
    [InlineData("""{"tileset":"alice.has space","url":"URL"}""", "Invalid \"tileset\" value")]
    [InlineData("""{"tileset":"alice.a.b","url":"URL"}""", "Invalid \"tileset\" value")]
    [InlineData("""{"tileset":"alice.abcdefghijklmnopqrstuvwxyz0123456","url":"URL"}""", "Invalid \"tileset\" value")]
    [InlineData("""{"tileset":"bob.roads","url":"URL"}""", "Invalid \"tileset\" value")]
    [InlineData("""{"tileset":7,"url":"URL"}""", "Invalid \"tileset\" value")]
    [InlineData("""{"tileset":"alice.roads"}""", "Missing required property \"url\".")]
    [InlineData("""{"tileset":"alice.roads","url":"https://other-bucket.s3.amazonaws.com/x"}""", "Invalid \"url\" value")]
    [InlineData("""{"tileset":"alice.roads","url":"mapbox://datasets/bob/abc"}""", "Invalid \"url\" value")]
    [InlineData("""{"tileset":"alice.roads","url":"URL","name":"NAME65"}""", "Invalid \"name\" value")]
    [InlineData("""{"tileset":"alice.roads","url":"URL","patch":"yes"}""", "Invalid \"patch\" value")]
    [InlineData("""{"tileset":"alice.roads","url":"URL","color":"red"}""", "The request body contains the invalid property \"color\".")]
    [InlineData("""["alice.roads"]""", "The request body must be a JSON object.")]
    [InlineData("""{"tileset":""", "The request body is not valid JSON.")]
    public async Task Create_validates_the_body_with_422(string template, string expectedMessageStart)
    {
        await using var session = await EmulatorSession.StartAsync();
        var url = await session.StageAsync("a,b\n1,2\n");
        var body = template.Replace("URL", url, StringComparison.Ordinal).Replace("NAME65", new string('n', 65), StringComparison.Ordinal);

        using var response = await session.PostJsonAsync(body);

        Assert.Equal(422, (int)response.StatusCode);
        Assert.StartsWith(expectedMessageStart, await EmulatorSession.ReadMessageAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_accepts_the_longest_id_and_name_and_the_optional_flags()
    {
        await using var session = await EmulatorSession.StartAsync();
        var url = await session.StageAsync("a,b\n1,2\n");
        var body = $$"""{"tileset":"alice.{{new string('i', 32)}}","url":"{{url}}","name":"{{new string('n', 64)}}","patch":false,"bypass_mbtiles_validation":true}""";

        using var response = await session.PostJsonAsync(body);

        Assert.Equal(201, (int)response.StatusCode);
    }

    [Fact]
    public async Task Create_refuses_an_issued_url_whose_object_was_never_staged()
    {
        await using var session = await EmulatorSession.StartAsync();
        var credentials = await session.RequestCredentialsAsync();

        using var response = await session.CreateAsync("alice.roads", credentials.Url);

        Assert.Equal(422, (int)response.StatusCode);
    }

    [Fact]
    public async Task Create_refuses_a_url_staged_by_another_account()
    {
        await using var session = await EmulatorSession.StartAsync();
        var url = await session.StageAsync("a,b\n1,2\n");
        var bobsToken = session.Emulator.MintToken("bob");

        using var response = await session.Http.PostAsync(
            $"uploads/v1/bob?access_token={bobsToken}", new StringContent($$"""{"tileset":"bob.roads","url":"{{url}}"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(422, (int)response.StatusCode);
    }

    [Fact]
    public async Task Create_accepts_a_dataset_url_of_the_account()
    {
        await using var session = await EmulatorSession.StartAsync();

        using var response = await session.CreateAsync("alice.roads", "mapbox://datasets/alice/cjabcdef0123");

        Assert.Equal(201, (int)response.StatusCode);
    }

    [Theory]
    [InlineData(422)]
    [InlineData(409)]
    public async Task Create_while_the_same_tileset_is_processing_answers_the_busy_status(int busyStatus)
    {
        await using var session = await EmulatorSession.StartAsync(
            new EmulatorOptions { ProcessingTime = TimeSpan.FromHours(1), RateLimitPerMinute = 0, BusyStatusCode = busyStatus });
        var url = await session.StageAsync("a,b\n1,2\n");
        using var first = await session.CreateAsync("alice.roads", url);

        using var second = await session.CreateAsync("alice.roads", url);
        using var otherTileset = await session.CreateAsync("alice.rivers", url);

        Assert.Equal(201, (int)first.StatusCode);
        Assert.Equal(busyStatus, (int)second.StatusCode);
        Assert.Contains("still processing", await EmulatorSession.ReadMessageAsync(second), StringComparison.Ordinal);
        Assert.Equal(201, (int)otherTileset.StatusCode);
    }

    [Fact]
    public async Task Create_is_accepted_again_once_the_previous_upload_of_the_tileset_finished()
    {
        var clock = new ManualClock();
        await using var session = await EmulatorSession.StartAsync(
            new EmulatorOptions { ProcessingTime = TimeSpan.FromSeconds(10), RateLimitPerMinute = 0, TimeProvider = clock });
        var url = await session.StageAsync("a,b\n1,2\n");
        using var first = await session.CreateAsync("alice.roads", url);

        clock.Advance(TimeSpan.FromSeconds(10));
        using var second = await session.CreateAsync("alice.roads", url);

        Assert.Equal(201, (int)second.StatusCode);
    }

    [Fact]
    public async Task Busy_status_other_than_409_or_422_is_refused_at_start()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => EmulatorServer.StartAsync(new EmulatorOptions { BusyStatusCode = 400 }));
    }
}
