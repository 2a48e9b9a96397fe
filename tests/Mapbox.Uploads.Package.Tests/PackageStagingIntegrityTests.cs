using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Package.Tests.Infrastructure;

namespace Mapbox.Uploads.Package.Tests;

/// <summary>
/// Ring 3: what reaches the staging bucket is exactly what was checked, through real builds of the packed package
/// against the emulator: a data file rewritten or truncated while its parts are in flight, staging credentials that
/// expire part-way, and Ctrl+C while a large file is still being checked.
/// </summary>
public sealed partial class PackageStagingIntegrityTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Account = "lindenau";
    private const string DataFile = "data/big.geojson";
    private const string Tileset = Account + ".big";

    // Four parts of 8 MiB fly at once; the fifth is read only once a part is answered.
    private const long MultipartBytes = 36 * BigGeoJson.MiB;

    // Held this long, every part is in flight while the test changes the file, and the last part is read afterwards.
    private static readonly FaultRule SlowParts = new() { Route = EmulatorRoute.S3, Method = "PUT", Kind = FaultKind.Latency, Delay = TimeSpan.FromSeconds(4) };

    [Fact]
    public async Task A_file_rewritten_while_its_parts_are_in_flight_fails_MBX3008_creates_nothing_and_the_next_build_stages_the_new_bytes()
    {
        await using var emulator = await StartEmulatorAsync();
        emulator.Faults.Add(SlowParts);
        var sandbox = await MultipartSandboxAsync("changed-mid-staging");
        var checkedSha256 = Sha256(File.ReadAllBytes(sandbox.PathOf(DataFile)));

        var changed = await BuildChangingTheFileAsync(sandbox, emulator,
            () => BigGeoJson.Write(sandbox.PathOf(DataFile), MultipartBytes, "Auenwalt"));

        AssertStoppedBeforeCreate(changed, emulator, sandbox, ErrorCodes.FileChanged);
        var newContent = File.ReadAllBytes(sandbox.PathOf(DataFile));
        Assert.NotEqual(checkedSha256, Sha256(newContent));

        emulator.Faults.Clear();
        emulator.ClearRequests();
        var next = await sandbox.RunAsync("build", DataProject.WithToken(emulator.MintToken(Account)), $"-p:MapboxApiUrl={emulator.BaseUrl}");

        Assert.True(next.ExitCode == 0, next.ToString());
        Assert.Equal("Succeeded", Assert.Single(DataProject.Results(next)).Status);
        Assert.Single(emulator.Requests, r => r.Route == EmulatorRoute.Create);
        Assert.Equal(Sha256(newContent), CreatedObjectSha256(emulator));
    }

    [Fact]
    public async Task A_file_truncated_while_its_parts_are_in_flight_fails_MBX3008_not_MBX5001_and_creates_nothing()
    {
        await using var emulator = await StartEmulatorAsync();
        emulator.Faults.Add(SlowParts);
        var sandbox = await MultipartSandboxAsync("truncated-mid-staging");

        var truncated = await BuildChangingTheFileAsync(sandbox, emulator, () =>
        {
            using var file = new FileStream(sandbox.PathOf(DataFile), FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            file.SetLength(file.Length / 3);
        });

        AssertStoppedBeforeCreate(truncated, emulator, sandbox, ErrorCodes.FileChanged);
    }

    [Fact]
    public async Task Credentials_that_expire_part_way_are_renewed_and_the_file_is_staged_again_byte_exact()
    {
        // The first part to arrive is held past the credentials' lifetime; every later request is answered at once,
        // so the staging under the second credentials finishes well inside theirs.
        await using var emulator = await StartEmulatorAsync(credentialLifetime: TimeSpan.FromSeconds(5));
        emulator.Faults.Add(SlowParts with { Delay = TimeSpan.FromSeconds(6), Times = 1 });
        var sandbox = await MultipartSandboxAsync("expired-credentials");

        var result = await sandbox.RunAsync("build", DataProject.WithToken(emulator.MintToken(Account)), $"-p:MapboxApiUrl={emulator.BaseUrl}");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("Succeeded", Assert.Single(DataProject.Results(result)).Status);
        var credentialRequests = emulator.Requests.Count(r => r.Route == EmulatorRoute.Credentials);
        output.WriteLine($"credentials requested {credentialRequests} times; open multipart uploads {emulator.OpenMultipartUploads.Count}");
        Assert.True(credentialRequests >= 2, $"credentials requested {credentialRequests} time(s)\n{result}");
        Assert.Contains(emulator.Requests, r => r.Route == EmulatorRoute.S3 && r.Method == "PUT" && r.StatusCode == 400);
        Assert.Single(emulator.Requests, r => r.Route == EmulatorRoute.Create);
        Assert.Equal(Sha256(File.ReadAllBytes(sandbox.PathOf(DataFile))), CreatedObjectSha256(emulator));
        Assert.All(emulator.IssuedCredentials.SkipLast(1), c => Assert.False(emulator.TryGetStagedObject(c.Bucket, c.Key, out _), $"{c} completed an object"));
        // S3 refuses every call made with expired credentials, the abort included (docs/reliability.md): the client
        // tried it, and the expired attempt's multipart upload stays open until the bucket's lifecycle rule removes it.
        // Every open one is such an upload; none is one the client could have aborted.
        Assert.Contains(emulator.Requests, r => r.Route == EmulatorRoute.S3 && r.Method == "DELETE" && r.StatusCode == 400);
        Assert.NotEmpty(emulator.OpenMultipartUploads);
        Assert.Equal(emulator.OpenMultipartUploads.Count, emulator.OpenMultipartUploadsOfExpiredCredentials);
    }

    [Fact]
    public async Task Ctrl_C_while_a_large_file_is_checked_fails_MBX7002_and_sends_nothing()
    {
        await using var emulator = await StartEmulatorAsync();
        var sandbox = new Sandbox(await PackageFeed.GetAsync(), "cancel-checks");
        var path = sandbox.PathOf(DataFile);
        BigGeoJson.Write(path, 400 * BigGeoJson.MiB, "Auenwald");
        sandbox.WriteProject([Sandbox.Tileset(DataFile, "big")]);

        // Nothing opens the file before the checks, and staging opens it only after a credentials request.
        var (result, stoppedAfter) = await RunningBuild.BuildAndInterruptAsync(sandbox, emulator.BaseUrl, emulator.MintToken(Account),
            () => OpenFiles.IsOpenInDotnet(path));
        File.Delete(path);

        output.WriteLine(FormattableString.Invariant($"stopped {stoppedAfter.TotalSeconds:F2} s after SIGINT, exit code {result.ExitCode}"));
        AssertOnlyError(result, sandbox, ErrorCodes.Cancelled);
        Assert.Contains("Checking", ErrorLine(result, ErrorCodes.Cancelled), StringComparison.Ordinal);
        Assert.Empty(emulator.Requests);
        Assert.Empty(sandbox.StampFilesAnywhere());
    }

    private static Task<EmulatorServer> StartEmulatorAsync(TimeSpan? credentialLifetime = null) =>
        EmulatorServer.StartAsync(new EmulatorOptions
        {
            ProcessingTime = TimeSpan.FromMilliseconds(300),
            RateLimitPerMinute = 0,
            CredentialLifetime = credentialLifetime,
        });

    private static async Task<Sandbox> MultipartSandboxAsync(string name)
    {
        var sandbox = new Sandbox(await PackageFeed.GetAsync(), name);
        BigGeoJson.Write(sandbox.PathOf(DataFile), MultipartBytes, "Auenwald");
        sandbox.WriteProject([Sandbox.Tileset(DataFile, "big")]);
        DataProject.AddResultPrinter(sandbox);
        return sandbox;
    }

    /// <summary>Builds, and changes the file once the multipart upload is initiated: after the checks, while parts are read and sent.</summary>
    private static async Task<ProcessResult> BuildChangingTheFileAsync(Sandbox sandbox, EmulatorServer emulator, Action change)
    {
        var build = sandbox.RunAsync("build", DataProject.WithToken(emulator.MintToken(Account)), $"-p:MapboxApiUrl={emulator.BaseUrl}");
        await RunningBuild.WaitUntilAsync(build,
            () => emulator.Requests.Any(r => r.Route == EmulatorRoute.S3 && r.Method == "POST"), "the multipart upload's initiation");
        change();
        // S3 requests are recorded once answered: the change was complete while every part was still held.
        Assert.DoesNotContain(emulator.Requests, r => r.Route == EmulatorRoute.S3 && r.Method == "PUT");
        return await build;
    }

    private static void AssertStoppedBeforeCreate(ProcessResult result, EmulatorServer emulator, Sandbox sandbox, ErrorCode code)
    {
        AssertOnlyError(result, sandbox, code);
        Assert.DoesNotContain(emulator.Requests, r => r.Route == EmulatorRoute.Create);
        Assert.Contains(emulator.Requests, r => r.Route == EmulatorRoute.S3 && r.Method == "DELETE" && r.StatusCode == 204);
        Assert.Empty(emulator.OpenMultipartUploads);
        Assert.Empty(sandbox.StampFilesAnywhere());
    }

    /// <summary>The build failed with exactly this code, on the data file, naming the tileset and the fix.</summary>
    private static void AssertOnlyError(ProcessResult result, Sandbox sandbox, ErrorCode code)
    {
        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Equal([code.Code], result.ErrorCodes);
        var line = ErrorLine(result, code);
        Assert.StartsWith(sandbox.PathOf(DataFile), line, StringComparison.Ordinal);
        Assert.Contains(Tileset, line, StringComparison.Ordinal);
        Assert.Contains(code.Help, line, StringComparison.Ordinal);
    }

    /// <summary>The first line with the code, without the node prefix (<c>1&gt;</c>) that normal verbosity adds.</summary>
    private static string ErrorLine(ProcessResult result, ErrorCode code) =>
        NodePrefix().Replace(result.Output.Split('\n').First(line => line.Contains($"error {code.Code}:", StringComparison.Ordinal)).Trim(), string.Empty);

    /// <summary>
    /// The SHA-256 of the object staged under the last credentials issued: each staging attempt asks for its own, and
    /// only the attempt that completed goes on to the create.
    /// </summary>
    private static string CreatedObjectSha256(EmulatorServer emulator)
    {
        var credentials = emulator.IssuedCredentials[^1];
        Assert.True(emulator.TryGetStagedObject(credentials.Bucket, credentials.Key, out var content), $"nothing staged at {credentials}");
        return Sha256(content);
    }

    private static string Sha256(byte[] content) => Convert.ToHexString(SHA256.HashData(content));

    [GeneratedRegex(@"^\d+>")]
    private static partial Regex NodePrefix();
}
