using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Api;

public class ApiCallTests
{
    private readonly ClientFactory _factory = new();

    [Fact]
    public async Task Credentials_is_a_POST_with_an_empty_body_to_the_username_path()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Credentials));
        using var client = _factory.Create(handler);

        var credentials = await client.RequestCredentialsAsync();

        var request = Assert.Single(handler.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/uploads/v1/alice/credentials", request.Path);
        Assert.Equal("?access_token=" + TestTokens.Raw(), request.Query);
        Assert.Empty(request.Body!);
        Assert.Equal("ASIATESTKEY", credentials.AccessKeyId);
        Assert.Equal("SECRETACCESSKEYzz", credentials.SecretAccessKey);
        Assert.Equal("SESSIONTOKENzz", credentials.SessionToken);
        Assert.Equal("tilestream-tilesets-production", credentials.Bucket);
        Assert.Equal("_pending/alice/abc123", credentials.Key);
        Assert.DoesNotContain("SECRETACCESSKEYzz", credentials.ToString());
        Assert.DoesNotContain("SESSIONTOKENzz", credentials.ToString());
    }

    [Fact]
    public async Task Create_sends_json_with_the_id_part_as_default_name_and_no_unset_flags()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.Created, UploadJson.Of("u1")));
        using var client = _factory.Create(handler);

        var upload = await client.CreateAsync(new UploadRequest(TilesetId.Parse("roads", "alice"), "https://b.s3.amazonaws.com/k"));

        var request = Assert.Single(handler.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/uploads/v1/alice", request.Path);
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        using var body = JsonDocument.Parse(request.BodyText);
        Assert.Equal(
            new[] { "tileset", "url", "name" },
            body.RootElement.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("alice.roads", body.RootElement.GetProperty("tileset").GetString());
        Assert.Equal("https://b.s3.amazonaws.com/k", body.RootElement.GetProperty("url").GetString());
        Assert.Equal("roads", body.RootElement.GetProperty("name").GetString());
        Assert.Equal("u1", upload.Id);
        Assert.Equal("alice.roads", upload.Tileset);
        Assert.Equal(new DateTimeOffset(2014, 11, 21, 19, 41, 10, TimeSpan.Zero), upload.Created);
    }

    [Fact]
    public async Task Create_sends_name_patch_and_bypass_mbtiles_validation_when_set()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.Created, UploadJson.Of("u1")));
        using var client = _factory.Create(handler);

        await client.CreateAsync(new UploadRequest(TilesetId.Parse("roads", "alice"), "https://x/y") { Name = "Roads 2026", Patch = true, BypassValidation = false });

        using var body = JsonDocument.Parse(handler.Requests[0].BodyText);
        Assert.Equal("Roads 2026", body.RootElement.GetProperty("name").GetString());
        Assert.True(body.RootElement.GetProperty("patch").GetBoolean());
        Assert.False(body.RootElement.GetProperty("bypass_mbtiles_validation").GetBoolean());
    }

    [Fact]
    public async Task Create_refuses_a_name_over_64_characters_before_sending()
    {
        var handler = new RecordingHandler((_, _) => throw new InvalidOperationException("no request expected"));
        using var client = _factory.Create(handler);

        await Assert.ThrowsAsync<ArgumentException>(() =>
            client.CreateAsync(new UploadRequest(TilesetId.Parse("roads", "alice"), "https://x/y") { Name = new string('n', 65) }));
        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Status_is_a_GET_of_the_upload_and_reads_every_field()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("cifzrlur163cyuikrm5gm9yyv", complete: true, progress: 1)));
        using var client = _factory.Create(handler);

        var upload = await client.GetStatusAsync("cifzrlur163cyuikrm5gm9yyv");

        var request = Assert.Single(handler.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/uploads/v1/alice/cifzrlur163cyuikrm5gm9yyv", request.Path);
        Assert.True(upload.Complete);
        Assert.True(upload.Succeeded);
        Assert.False(upload.Failed);
        Assert.Equal(1, upload.Progress);
        Assert.Equal("roads", upload.Name);
        Assert.Equal("alice", upload.Owner);
    }

    [Fact]
    public async Task Status_with_an_error_is_failed()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, UploadJson.Of("u1", complete: true, error: "Failed to parse geojson feature")));
        using var client = _factory.Create(handler);

        var upload = await client.GetStatusAsync("u1");

        Assert.True(upload.Failed);
        Assert.False(upload.Succeeded);
        Assert.Equal("Failed to parse geojson feature", upload.Error);
    }

    [Fact]
    public async Task Delete_is_a_DELETE_that_accepts_204()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Status(HttpStatusCode.NoContent));
        using var client = _factory.Create(handler);

        await client.DeleteAsync("u1");

        var request = Assert.Single(handler.Requests);
        Assert.Equal("DELETE", request.Method);
        Assert.Equal("/uploads/v1/alice/u1", request.Path);
    }

    [Fact]
    public async Task Delete_of_an_incomplete_upload_surfaces_the_service_message()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json((HttpStatusCode)422, "{\"message\":\"upload is incomplete\"}"));
        using var client = _factory.Create(handler);

        var ex = await Assert.ThrowsAsync<MapboxApiException>(() => client.DeleteAsync("u1"));

        Assert.Equal(422, ex.StatusCode);
        Assert.Equal("upload is incomplete", ex.ServiceMessage);
        Assert.Equal(UploadsOperations.Delete, ex.Operation);
        Assert.False(ex.IsRetryable);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task An_api_base_with_a_path_keeps_it()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Status(HttpStatusCode.NoContent));
        using var client = _factory.Create(handler, o => o.ApiBaseUrl = new Uri("https://proxy.example.test/mapbox/"));

        await client.DeleteAsync("u1");

        Assert.Equal("https://proxy.example.test/mapbox/uploads/v1/alice/u1", handler.Requests[0].Url.GetLeftPart(UriPartial.Path));
    }

    [Theory]
    [InlineData(401, "token is missing, invalid or revoked")]
    [InlineData(403, "uploads:write")]
    [InlineData(404, "uploads:write")]
    public async Task Credentials_failures_say_what_to_do(int status, string advice)
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json((HttpStatusCode)status, "{\"message\":\"Not Authorized - Invalid Token\"}"));
        using var client = _factory.Create(handler);

        var ex = await Assert.ThrowsAsync<MapboxApiException>(() => client.RequestCredentialsAsync());

        Assert.Equal(status, ex.StatusCode);
        Assert.Contains(advice, ex.Message);
        Assert.Equal("Not Authorized - Invalid Token", ex.ServiceMessage);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_success_with_an_unexpected_body_is_an_api_exception_not_a_retry()
    {
        var handler = new RecordingHandler((_, _) => RecordingHandler.Json(HttpStatusCode.OK, "<html>proxy login</html>"));
        using var client = _factory.Create(handler);

        var ex = await Assert.ThrowsAsync<MapboxApiException>(() => client.GetStatusAsync("u1"));

        Assert.Equal(200, ex.StatusCode);
        Assert.False(ex.IsRetryable);
        Assert.Single(handler.Requests);
    }
}
