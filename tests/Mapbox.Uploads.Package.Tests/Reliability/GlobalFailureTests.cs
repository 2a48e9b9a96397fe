using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Package.Tests.Infrastructure;

namespace Mapbox.Uploads.Package.Tests.Reliability;

/// <summary>What the global-failure classes share: a one-tileset sandbox, a diagnostic build, the error line.</summary>
public abstract class GlobalFailureTestBase : IAsyncLifetime
{
    protected const string Account = "lindenau";

    protected EmulatorServer Emulator { get; private set; } = null!;

    protected PackageFeed Feed { get; private set; } = null!;

    protected virtual EmulatorOptions Options => new() { ProcessingTime = TimeSpan.FromMilliseconds(200), RateLimitPerMinute = 0 };

    public async Task InitializeAsync()
    {
        Feed = await PackageFeed.GetAsync();
        Emulator = await EmulatorServer.StartAsync(Options);
    }

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    protected Sandbox OneTileset(string name)
    {
        var sandbox = new Sandbox(Feed, name);
        sandbox.WriteFile("data/parks.geojson", DataProject.ParksGeoJson);
        sandbox.WriteProject([Sandbox.Tileset("data/parks.geojson", "parks")]);
        return sandbox;
    }

    /// <summary>A build at diagnostic verbosity with a binary log, the token (if any) in the environment.</summary>
    protected Task<ProcessResult> BuildAsync(Sandbox sandbox, string? token, string? apiUrl = null, bool ci = true, params string[] properties) =>
        sandbox.RunAsync("build", DataProject.WithToken(token, ci),
            [$"-p:MapboxApiUrl={apiUrl ?? Emulator.BaseUrl.ToString()}", "-v:diag", .. properties.Select(p => "-p:" + p)]);

    /// <summary>The build failed with exactly this one code, once, on a line that names every given text and the fix.</summary>
    private protected static string AssertOnlyError(ProcessResult result, ErrorCode code, params string[] named)
    {
        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Equal([code.Code], result.ErrorCodes);
        // A diagnostic build prints each error twice: where it happens and in the summary.
        var line = result.Output.Split('\n').First(l => l.Contains($"error {code.Code}:", StringComparison.Ordinal));
        Assert.All(named, text => Assert.True(line.Contains(text, StringComparison.Ordinal), $"'{text}' missing from {line}"));
        Assert.Contains(code.Help, line, StringComparison.Ordinal);
        return line;
    }

    protected static string UnregisteredToken(string payloadJson) =>
        "sk." + Convert.ToBase64String(Encoding.UTF8.GetBytes(payloadJson)).TrimEnd('=').Replace('+', '-').Replace('/', '_') + ".c2lnbmF0dXJlLW9mLWEtdGVzdA";
}

/// <summary>
/// Ring 3: the token and the service address, each case its own real dotnet build at -v:diag with a binary log,
/// each answered by its code; every secret the build held is then searched for in all it left behind.
/// </summary>
public sealed class TokenAndAddressTests : GlobalFailureTestBase
{
    [Fact]
    public async Task No_token_warns_MBX1001_and_succeeds_on_a_developer_machine_sending_nothing()
    {
        var sandbox = OneTileset("no-token-local");

        var result = await BuildAsync(sandbox, token: null, ci: false);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["MBX1001"], result.WarningCodes);
        Assert.Empty(result.ErrorCodes);
        var line = result.Output.Split('\n').First(l => l.Contains("warning MBX1001:", StringComparison.Ordinal));
        Assert.Contains("MAPBOX_ACCESS_TOKEN", line, StringComparison.Ordinal);
        Assert.Contains("data/parks.geojson", line, StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task No_token_in_CI_fails_MBX1001_sending_nothing()
    {
        var sandbox = OneTileset("no-token-ci");

        var result = await BuildAsync(sandbox, token: null, ci: true);

        AssertOnlyError(result, ErrorCodes.TokenMissing, "MAPBOX_ACCESS_TOKEN", "data/parks.geojson");
        Assert.Empty(Emulator.Requests);
    }

    [Fact]
    public async Task A_malformed_token_fails_MBX1002_without_echoing_it_and_sends_nothing()
    {
        var sandbox = OneTileset("malformed-token");
        const string Malformed = "sk.not-a-token-Zq7Wx3Lm";

        var result = await BuildAsync(sandbox, Malformed);

        AssertOnlyError(result, ErrorCodes.TokenMalformed, "MAPBOX_ACCESS_TOKEN");
        Assert.Empty(Emulator.Requests);
        await Secrets.AssertNoneLeakedAsync(sandbox, result, [("malformed token", Malformed), ("its tail", "Zq7Wx3Lm")]);
    }

    [Fact]
    public async Task A_token_without_a_username_fails_MBX1003_and_sends_nothing()
    {
        var sandbox = OneTileset("token-without-user");
        var token = UnregisteredToken("""{"a":"cw8kq2n5b0x7r4t1y6z3v9m2l"}""");

        var result = await BuildAsync(sandbox, token);

        AssertOnlyError(result, ErrorCodes.TokenWithoutUsername, "MAPBOX_ACCESS_TOKEN");
        Assert.Empty(Emulator.Requests);
        await Secrets.AssertNoneLeakedAsync(sandbox, result, Secrets.Of(Emulator, token));
    }

    [Fact]
    public async Task A_revoked_token_fails_MBX1004_after_one_refused_request()
    {
        var sandbox = OneTileset("revoked-token");
        var token = Emulator.MintToken(Account);
        Emulator.RevokeToken(token);

        var result = await BuildAsync(sandbox, token);

        AssertOnlyError(result, ErrorCodes.TokenRejected, "data/parks.geojson", "lindenau.parks", "401");
        Assert.Equal([(EmulatorRoute.Credentials, 401)], Emulator.Requests.Select(r => (r.Route, r.StatusCode)));
        await Secrets.AssertNoneLeakedAsync(sandbox, result, Secrets.Of(Emulator, token));
    }

    [Fact]
    public async Task An_unknown_well_formed_token_fails_MBX1004()
    {
        var sandbox = OneTileset("unknown-token");
        var token = UnregisteredToken("""{"u":"lindenau","a":"q4n8x2k7m1w5z9r3t6y0v2b8c"}""");

        var result = await BuildAsync(sandbox, token);

        AssertOnlyError(result, ErrorCodes.TokenRejected, "data/parks.geojson", "lindenau.parks");
        // The service, not a local check, refused the token.
        Assert.NotEmpty(Emulator.Requests);
        Assert.All(Emulator.Requests, r => Assert.Equal(401, r.StatusCode));
        await Secrets.AssertNoneLeakedAsync(sandbox, result, Secrets.Of(Emulator, token));
    }

    [Fact]
    public async Task A_token_without_uploads_write_fails_MBX1005_naming_the_scope()
    {
        var sandbox = OneTileset("read-only-token");
        var token = Emulator.MintToken(Account, "uploads:read", "uploads:list");

        var result = await BuildAsync(sandbox, token);

        AssertOnlyError(result, ErrorCodes.TokenLacksScope, "data/parks.geojson", "lindenau.parks", "uploads:write");
        Assert.Equal([(EmulatorRoute.Credentials, 403)], Emulator.Requests.Select(r => (r.Route, r.StatusCode)));
        await Secrets.AssertNoneLeakedAsync(sandbox, result, Secrets.Of(Emulator, token));
    }

    [Fact]
    public async Task A_malformed_MapboxApiUrl_fails_MBX1010_before_anything_is_sent()
    {
        var sandbox = OneTileset("malformed-url");
        var token = Emulator.MintToken(Account);

        var result = await BuildAsync(sandbox, token, apiUrl: "api.mapbox.com/no-scheme");

        AssertOnlyError(result, ErrorCodes.ApiUrlMalformed, "api.mapbox.com/no-scheme");
        Assert.Empty(Emulator.Requests);
        await Secrets.AssertNoneLeakedAsync(sandbox, result, Secrets.Of(Emulator, token));
    }

    [Fact]
    public async Task Plain_http_to_a_host_other_than_loopback_fails_MBX1011_before_any_connection()
    {
        // .invalid never resolves (RFC 2606), so even a broken check could not reach a network.
        var sandbox = OneTileset("insecure-url");
        var token = Emulator.MintToken(Account);

        var result = await BuildAsync(sandbox, token, apiUrl: "http://mapbox.invalid");

        AssertOnlyError(result, ErrorCodes.ApiUrlInsecure, "http://mapbox.invalid", "nothing was sent");
        // The client logs every attempt at -v:diag, a failed DNS lookup or connect included: there is none.
        Assert.DoesNotContain("Mapbox HTTP:", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("HttpRequestException", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Mapbox: uploading", result.Output, StringComparison.Ordinal);
        Assert.Empty(Emulator.Requests);
        await Secrets.AssertNoneLeakedAsync(sandbox, result, Secrets.Of(Emulator, token));
    }
}

/// <summary>Ring 3: the service fails in each way it can, each case its own diagnostic build, secrets searched after each.</summary>
public sealed class ServiceFailureTests : GlobalFailureTestBase
{
    [Fact]
    public async Task A_successful_upload_leaves_no_token_and_no_S3_credential_anywhere()
    {
        var sandbox = OneTileset("success-secrets");
        var token = Emulator.MintToken(Account);

        var result = await BuildAsync(sandbox, token);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(("Succeeded", true), (DataProject.Manifest(sandbox)["lindenau.parks"].Status, DataProject.Manifest(sandbox)["lindenau.parks"].UploadId is { Length: 25 }));
        Assert.Single(Emulator.IssuedCredentials);
        var searched = await Secrets.AssertNoneLeakedAsync(sandbox, result, Secrets.Of(Emulator, token));
        Assert.True(searched >= 4, $"only {searched} places searched");
    }

    [Fact]
    public async Task A_processing_error_fails_MBX6001_with_the_service_message()
    {
        var sandbox = OneTileset("processing-error");
        var token = Emulator.MintToken(Account);
        Emulator.Processing.FailTileset("lindenau.parks", "Tileset exceeds processing limit.");

        var result = await BuildAsync(sandbox, token);

        AssertOnlyError(result, ErrorCodes.ProcessingFailed, "data/parks.geojson", "lindenau.parks", "Tileset exceeds processing limit.");
        Assert.Equal("Failed", DataProject.Manifest(sandbox)["lindenau.parks"].Status);
        await Secrets.AssertNoneLeakedAsync(sandbox, result, Secrets.Of(Emulator, token));
    }

    [Fact]
    public async Task Processing_past_MapboxUploadTimeout_fails_MBX7001()
    {
        await using var slow = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromMinutes(5), RateLimitPerMinute = 0 });
        var sandbox = OneTileset("timeout");
        var token = slow.MintToken(Account);

        var result = await BuildAsync(sandbox, token, slow.BaseUrl.ToString(), true, "MapboxUploadTimeout=2");

        AssertOnlyError(result, ErrorCodes.Timeout, "data/parks.geojson", "lindenau.parks");
        Assert.True(result.Duration < TimeSpan.FromSeconds(60), result.ToString());
        await Secrets.AssertNoneLeakedAsync(sandbox, result, Secrets.Of(slow, token));
    }

    [Fact]
    public async Task A_5xx_that_outlasts_every_retry_fails_MBX4002_after_five_attempts()
    {
        var sandbox = OneTileset("service-down");
        var token = Emulator.MintToken(Account);
        Emulator.Faults.Add(new FaultRule { Route = EmulatorRoute.Create, Kind = FaultKind.ServerError, StatusCode = 502 });

        var result = await BuildAsync(sandbox, token);

        AssertOnlyError(result, ErrorCodes.ServiceUnavailable, "data/parks.geojson", "lindenau.parks", "502");
        Assert.Equal(5, Emulator.Requests.Count(r => r.Route == EmulatorRoute.Create && r.StatusCode == 502));
        Assert.Equal("Failed", DataProject.Manifest(sandbox)["lindenau.parks"].Status);
        await Secrets.AssertNoneLeakedAsync(sandbox, result, Secrets.Of(Emulator, token));
    }

    [Fact]
    public async Task A_plain_4xx_from_the_API_fails_MBX4001_at_once_with_the_service_message()
    {
        var sandbox = OneTileset("api-400");
        var token = Emulator.MintToken(Account);
        Emulator.Faults.Add(new FaultRule { Route = EmulatorRoute.Create, Kind = FaultKind.ServerError, StatusCode = 400 });

        var result = await BuildAsync(sandbox, token);

        AssertOnlyError(result, ErrorCodes.ApiError, "data/parks.geojson", "lindenau.parks", "400", "Bad Request");
        Assert.Single(Emulator.Requests, r => r.Route == EmulatorRoute.Create);
        await Secrets.AssertNoneLeakedAsync(sandbox, result, Secrets.Of(Emulator, token));
    }

    [Fact]
    public async Task S3_refusing_the_object_fails_MBX5001()
    {
        var sandbox = OneTileset("s3-refused");
        var token = Emulator.MintToken(Account);
        Emulator.Faults.Add(new FaultRule { Route = EmulatorRoute.S3, Method = "PUT", Kind = FaultKind.ServerError, StatusCode = 403 });

        var result = await BuildAsync(sandbox, token);

        AssertOnlyError(result, ErrorCodes.StagingFailed, "data/parks.geojson", "lindenau.parks", "403");
        Assert.DoesNotContain(Emulator.Requests, r => r.Route == EmulatorRoute.Create);
        await Secrets.AssertNoneLeakedAsync(sandbox, result, Secrets.Of(Emulator, token));
    }
}
