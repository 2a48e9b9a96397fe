using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Emulator.Tests;

/// <summary>An in-process emulator, a plain HttpClient and a token for one account: what every test starts from.</summary>
internal sealed class EmulatorSession : ApiSession, IAsyncDisposable
{
    private EmulatorSession(EmulatorServer emulator, string username)
        : base(emulator.BaseUrl, username, emulator.MintToken(username)) => Emulator = emulator;

    public EmulatorServer Emulator { get; }

    public static async Task<EmulatorSession> StartAsync(EmulatorOptions? options = null, string username = "alice") =>
        new(await EmulatorServer.StartAsync(options ?? new EmulatorOptions { ProcessingTime = TimeSpan.Zero, RateLimitPerMinute = 0 }), username);

    public async ValueTask DisposeAsync()
    {
        Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>A plain HttpClient and a token for one account of an emulator, in this process or another.</summary>
internal class ApiSession(Uri baseUrl, string username, string token) : IDisposable
{
    public HttpClient Http { get; } = new() { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };

    public string Username { get; } = username;

    public string Token { get; } = token;

    public string ApiPath(string suffix = "", string? token = null, string query = "") =>
        $"uploads/v1/{Username}{suffix}?access_token={Uri.EscapeDataString(token ?? Token)}{query}";

    public async Task<Credentials> RequestCredentialsAsync()
    {
        using var response = await Http.PostAsync(ApiPath("/credentials"), content: null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Credentials>())!;
    }

    /// <summary>Stages <paramref name="content"/> with fresh credentials and returns their url.</summary>
    public async Task<string> StageAsync(string content)
    {
        var credentials = await RequestCredentialsAsync();
        using var request = S3Request.For(HttpMethod.Put, credentials.Url, credentials);
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(content));
        using var response = await Http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return credentials.Url;
    }

    public Task<HttpResponseMessage> CreateAsync(string tileset, string url, string? name = null) =>
        PostJsonAsync(name is null ? JsonSerializer.Serialize(new { tileset, url }) : JsonSerializer.Serialize(new { tileset, url, name }));

    public Task<HttpResponseMessage> PostJsonAsync(string json) =>
        Http.PostAsync(ApiPath(), new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Stages valid GeoJSON and creates an upload of it; returns the upload's id.</summary>
    public async Task<string> CreateUploadAsync(string tilesetId)
    {
        var url = await StageAsync("""{"type":"FeatureCollection","features":[]}""");
        using var response = await CreateAsync($"{Username}.{tilesetId}", url);
        Assert.Equal(201, (int)response.StatusCode);
        return (await ReadJsonAsync(response)).GetProperty("id").GetString()!;
    }

    public async Task<JsonElement> GetUploadAsync(string uploadId)
    {
        using var response = await Http.GetAsync(ApiPath($"/{uploadId}"));
        Assert.Equal(200, (int)response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static async Task<string> ReadMessageAsync(HttpResponseMessage response) =>
        (await ReadJsonAsync(response)).GetProperty("message").GetString()!;

    public void Dispose() => Http.Dispose();
}

internal sealed record Credentials(string AccessKeyId, string SecretAccessKey, string SessionToken, string Bucket, string Key, string Url);

/// <summary>
/// S3 requests carrying what the emulator checks (access key id, region, session token); the signature is
/// a placeholder because the emulator does not verify signatures.
/// </summary>
internal static class S3Request
{
    public static HttpRequestMessage For(
        HttpMethod method, string url, Credentials credentials, string? accessKeyId = null, string? sessionToken = null, string region = "us-east-1")
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.TryAddWithoutValidation(
            "Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKeyId ?? credentials.AccessKeyId}/20250101/{region}/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature={new string('0', 64)}");
        request.Headers.Add("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        request.Headers.Add("x-amz-date", "20250101T000000Z");
        if (sessionToken != "")
        {
            request.Headers.Add("x-amz-security-token", sessionToken ?? credentials.SessionToken);
        }
        return request;
    }
}

/// <summary>A clock a test moves by hand.</summary>
internal sealed class ManualClock : TimeProvider
{
    private readonly object _gate = new();
    private DateTimeOffset _now = new(2024, 5, 6, 7, 8, 9, 123, TimeSpan.Zero);
    private long _ticks;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public override long GetTimestamp()
    {
        lock (_gate)
        {
            return _ticks;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
            _ticks += by.Ticks;
        }
    }
}
