using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;

namespace Mapbox.Uploads.Testing;

/// <summary>What a soak does: how many uploads, how many at once, the seed of the fault draws, the bound per upload.</summary>
public sealed record SoakSettings(int Uploads, int Concurrency = 8, int Seed = 20260105, TimeSpan? PerUploadBound = null)
{
    public TimeSpan Bound => PerUploadBound ?? TimeSpan.FromSeconds(30);
}

/// <summary>How one soak went; <see cref="Violations"/> lists every broken promise (empty when all held).</summary>
public sealed record SoakReport(
    int Uploads,
    int Succeeded,
    int ProcessingFailedAsExpected,
    IReadOnlyDictionary<string, int> FailedWithException,
    int ByteExactStagedObjects,
    int MultipartUploads,
    int Requests,
    int RequestsWithInjectedFault,
    IReadOnlyDictionary<string, int> FaultsByKind,
    int BusyAnswers,
    int OpenMultipartUploadsAtEnd,
    int OpenMultipartUploadsOfExpiredCredentials,
    int CredentialExpiries,
    int ChangingFiles,
    int FailedAsChanged,
    int SucceededWithContentBeforeChange,
    int SucceededWithContentAfterChange,
    double P50Seconds,
    double P95Seconds,
    double MaxSeconds,
    double WallSeconds,
    IReadOnlyList<string> Violations)
{
    public double InjectedFaultRate => Requests == 0 ? 0 : (double)RequestsWithInjectedFault / Requests;

    public int Failed => FailedWithException.Values.Sum();

    public string Summary() => FormattableString.Invariant(
        $"RESULT soak uploads={Uploads} succeeded={Succeeded} processing_failed_as_expected={ProcessingFailedAsExpected} failed_with_exception={Failed} ")
        + string.Join(' ', FailedWithException.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"exception[{p.Key}]={p.Value}"))
        + FormattableString.Invariant(
            $" byte_exact={ByteExactStagedObjects} multipart={MultipartUploads} requests={Requests} injected={RequestsWithInjectedFault} fault_rate={InjectedFaultRate:P1} ")
        + string.Join(' ', FaultsByKind.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"fault[{p.Key}]={p.Value}"))
        + FormattableString.Invariant(
            $" busy_answers={BusyAnswers} open_multipart_at_end={OpenMultipartUploadsAtEnd} of_expired_credentials={OpenMultipartUploadsOfExpiredCredentials}")
        + FormattableString.Invariant(
            $" credential_expiries={CredentialExpiries} changing_files={ChangingFiles} failed_as_changed={FailedAsChanged} succeeded_before_change={SucceededWithContentBeforeChange} succeeded_after_change={SucceededWithContentAfterChange}")
        + FormattableString.Invariant(
            $" p50_s={P50Seconds:F2} p95_s={P95Seconds:F2} max_s={MaxSeconds:F2} wall_s={WallSeconds:F1} violations={Violations.Count}");
}

/// <summary>
/// Uploads many small files (every fifth one multipart) through <see cref="UploadsClient"/> against the in-process
/// emulator while seeded fault rules hit well over a fifth of the requests: 5xx, connections dropped mid-body on S3
/// parts and API calls, 429 with reset headers, slow answers, S3 SlowDown, and tilesets kept busy by concurrent
/// uploads. Two hazards of the data itself ride along: every ninth upload stages a private copy of a multipart file
/// that is rewritten in place (same length) at a random moment while it is checked and staged, and the service clock
/// jumps past the staging credentials' lifetime every <see cref="ExpiryInterval"/>, so credentials expire part-way.
/// Then checks every promise: the right end state per upload, byte-exact staged objects (for a changing file, exactly
/// one whole version of it, never a mix), no open multipart upload but those whose credentials expired (S3 refuses
/// their abort), each upload within its bound, and the service's own record agreeing with every reported success.
/// Shared by the <c>soak</c> benchmark command and the reliability test.
/// </summary>
public static class SoakRun
{
    public const string DoomedTileset = "soak-doomed";
    public const string DoomedError = "Tileset exceeds processing limit.";

    private const int LiveTilesets = 6;
    private const int ChangingEvery = 9;
    private static readonly TimeSpan CredentialLifetime = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan ExpiryInterval = TimeSpan.FromSeconds(2);
    private const long MultipartFileSize = (5L * 1024 * 1024) + (37 * 1024);

    public static async Task<SoakReport> RunAsync(SoakSettings settings, CancellationToken cancellationToken = default)
    {
        var workDirectory = Path.Combine(Path.GetTempPath(), $"mbx-soak-{Guid.NewGuid():N}");
        Directory.CreateDirectory(workDirectory);
        try
        {
            return await RunInAsync(settings, workDirectory, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(workDirectory, recursive: true);
        }
    }

    /// <summary>The fault mix: seeded probabilities per route, S3 included; DELETE (abort) is left alone.</summary>
    public static void AddFaults(FaultRules faults)
    {
        var api = new[] { EmulatorRoute.Credentials, EmulatorRoute.Create, EmulatorRoute.Status };
        foreach (var route in api)
        {
            faults.Add(new FaultRule { Route = route, Kind = FaultKind.Latency, Probability = 0.06, Delay = TimeSpan.FromMilliseconds(150) });
            faults.Add(new FaultRule { Route = route, Kind = FaultKind.ServerError, Probability = 0.10, StatusCode = 503 });
            faults.Add(new FaultRule { Route = route, Kind = FaultKind.ServerError, Probability = 0.04, StatusCode = 500 });
            faults.Add(new FaultRule { Route = route, Kind = FaultKind.DropConnection, Probability = 0.05, DropAfterBytes = 16 });
            faults.Add(new FaultRule { Route = route, Kind = FaultKind.RateLimited, Probability = 0.03, RateLimitReset = TimeSpan.FromMilliseconds(200) });
        }

        faults.Add(new FaultRule { Route = EmulatorRoute.S3, Method = "PUT", Kind = FaultKind.Latency, Probability = 0.05, Delay = TimeSpan.FromMilliseconds(200) });
        faults.Add(new FaultRule { Route = EmulatorRoute.S3, Method = "PUT", Kind = FaultKind.DropConnection, Probability = 0.08, DropAfterBytes = 8 * 1024 });
        faults.Add(new FaultRule { Route = EmulatorRoute.S3, Method = "PUT", Kind = FaultKind.ServerError, Probability = 0.06, StatusCode = 500 });
        faults.Add(new FaultRule { Route = EmulatorRoute.S3, Method = "PUT", Kind = FaultKind.RateLimited, Probability = 0.04 });
        faults.Add(new FaultRule { Route = EmulatorRoute.S3, Method = "POST", Kind = FaultKind.ServerError, Probability = 0.08, StatusCode = 503 });
        faults.Add(new FaultRule { Route = EmulatorRoute.S3, Method = "POST", Kind = FaultKind.DropConnection, Probability = 0.04, DropAfterBytes = 1 });
    }

    private static async Task<SoakReport> RunInAsync(SoakSettings settings, string workDirectory, CancellationToken cancellationToken)
    {
        var clock = new JumpingClock();
        await using var emulator = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            ProcessingTime = TimeSpan.FromMilliseconds(120),
            RateLimitPerMinute = 0,
            // The injected 429s name this window; their reset follows the emulator's clock, which jumps ahead to expire
            // credentials, so the client (rightly) waits one window rather than the jump: one second keeps it short.
            RateLimitWindow = TimeSpan.FromSeconds(1),
            MinimumPartSize = 64 * 1024,
            FaultSeed = settings.Seed,
            TimeProvider = clock,
            CredentialLifetime = CredentialLifetime,
        }, cancellationToken).ConfigureAwait(false);
        var token = MapboxAccessToken.Parse(emulator.MintToken("soak"));
        emulator.Processing.FailTileset($"soak.{DoomedTileset}", DoomedError);
        AddFaults(emulator.Faults);

        var files = WriteFiles(workDirectory, settings.Seed);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(15) };
        var outcomes = new ConcurrentBag<UploadOutcome>();
        var next = -1;
        var wall = Stopwatch.StartNew();
        using var stopExpiring = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var expiries = ExpireCredentialsAsync(clock, stopExpiring.Token);
        var workers = Enumerable.Range(0, settings.Concurrency).Select(_ => Task.Run(async () =>
        {
            for (var index = Interlocked.Increment(ref next); index < settings.Uploads; index = Interlocked.Increment(ref next))
            {
                var upload = new SoakUpload(index, files, workDirectory, settings.Seed);
                outcomes.Add(await UploadOneAsync(upload, emulator, token, http, settings.Bound, cancellationToken).ConfigureAwait(false));
            }
        }, cancellationToken));
        await Task.WhenAll(workers).ConfigureAwait(false);
        wall.Stop();
        stopExpiring.Cancel();
        var credentialExpiries = await expiries.ConfigureAwait(false);

        var requests = emulator.Requests;
        emulator.Faults.Clear();
        return await ReportAsync(settings, emulator, token, http, outcomes.OrderBy(o => o.Index).ToList(), requests, wall.Elapsed, credentialExpiries, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Moves the service clock past the credentials' lifetime at every interval; returns how many times it did.</summary>
    private static async Task<int> ExpireCredentialsAsync(JumpingClock clock, CancellationToken stop)
    {
        var jumps = 0;
        try
        {
            while (true)
            {
                await Task.Delay(ExpiryInterval, stop).ConfigureAwait(false);
                clock.Jump(CredentialLifetime + TimeSpan.FromSeconds(1));
                jumps++;
            }
        }
        catch (OperationCanceledException)
        {
            return jumps;
        }
    }

    private static async Task<UploadOutcome> UploadOneAsync(SoakUpload upload, EmulatorServer emulator, MapboxAccessToken token,
        HttpClient http, TimeSpan bound, CancellationToken cancellationToken)
    {
        var (index, file) = (upload.Index, upload.File);
        var tileset = index % (LiveTilesets + 1) == LiveTilesets ? DoomedTileset : $"soak-{index % LiveTilesets}";
        var log = new ConcurrentQueue<RequestLogEntry>();
        var options = new UploadsClientOptions
        {
            ApiBaseUrl = emulator.BaseUrl,
            HttpClient = http,
            Retry = new RetryOptions { MaxAttempts = 3, InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(100), MaxRateLimitWait = TimeSpan.FromSeconds(5) },
            MultipartThreshold = UploadsClientOptions.MinPartSize,
            PartSize = UploadsClientOptions.MinPartSize,
            PollInterval = TimeSpan.FromMilliseconds(40),
            MaxPollInterval = TimeSpan.FromMilliseconds(150),
            BusyRetryTimeout = TimeSpan.FromSeconds(20),
            RequestLogged = log.Enqueue,
        };
        using var client = new UploadsClient(token, options);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(bound);
        var clock = Stopwatch.StartNew();
        var change = upload.ChangeWhileStagingAsync(deadline.Token);
        try
        {
            var created = await client.UploadAsync(file.Path, TilesetId.Parse(tileset, token.Username), cancellationToken: deadline.Token).ConfigureAwait(false);
            var final = await client.WaitForCompletionAsync(created.Id, bound, cancellationToken: deadline.Token).ConfigureAwait(false);
            return new UploadOutcome(index, file, tileset, final, null, clock.Elapsed, StagedKey(log, emulator.Bucket));
        }
        catch (Exception e) when (e is MapboxApiException or StagingException or OperationCanceledException or TimeoutException or IOException or HttpRequestException)
        {
            return new UploadOutcome(index, file, tileset, null, e, clock.Elapsed, StagedKey(log, emulator.Bucket));
        }
        finally
        {
            await change.ConfigureAwait(false);
        }
    }

    /// <summary>The key of the last staging request S3 acknowledged (a single PUT or a completed multipart upload).</summary>
    private static string? StagedKey(IEnumerable<RequestLogEntry> log, string bucket)
    {
        var marker = $"/{bucket}/";
        var last = log.LastOrDefault(entry => entry.StatusCode is >= 200 and < 300
            && entry.RedactedUrl.Contains(marker, StringComparison.Ordinal)
            && (entry.Method == "PUT" && !entry.RedactedUrl.Contains("partNumber=", StringComparison.Ordinal)
                || entry.Method == "POST" && entry.RedactedUrl.Contains("uploadId=", StringComparison.Ordinal)));
        if (last is null)
        {
            return null;
        }

        var path = new Uri(last.RedactedUrl).AbsolutePath;
        return Uri.UnescapeDataString(path[(path.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..]);
    }

    private static async Task<SoakReport> ReportAsync(SoakSettings settings, EmulatorServer emulator, MapboxAccessToken token, HttpClient http,
        IReadOnlyList<UploadOutcome> outcomes, IReadOnlyList<RecordedRequest> requests, TimeSpan wall, int credentialExpiries, CancellationToken cancellationToken)
    {
        var violations = new List<string>();
        var byteExact = 0;
        var succeededBeforeChange = 0;
        var succeededAfterChange = 0;
        foreach (var outcome in outcomes.Where(o => o.Final is not null))
        {
            var final = outcome.Final!;
            var doomed = outcome.Tileset == DoomedTileset;
            if (doomed && (final.Succeeded || final.Error != DoomedError))
            {
                violations.Add($"upload {outcome.Index} to {outcome.Tileset} should have failed processing but ended complete={final.Complete} error={final.Error}");
            }
            else if (!doomed && !final.Succeeded)
            {
                violations.Add($"upload {outcome.Index} to {outcome.Tileset} ended complete={final.Complete} error={final.Error}");
            }

            if (outcome.StagedKey is null || !emulator.TryGetStagedObject(emulator.Bucket, outcome.StagedKey, out var staged))
            {
                violations.Add($"upload {outcome.Index}: no staged object found (key {outcome.StagedKey ?? "none"})");
            }
            else if (outcome.File.VersionOf(SHA256.HashData(staged)) is not { } version)
            {
                violations.Add($"upload {outcome.Index}: staged object {outcome.StagedKey} is no whole version of {outcome.File.Path} ({staged.Length} vs {outcome.File.Length} bytes)");
            }
            else
            {
                byteExact++;
                succeededBeforeChange += outcome.File.ChangedSha256 is not null && version == 0 ? 1 : 0;
                succeededAfterChange += version == 1 ? 1 : 0;
            }
        }

        foreach (var outcome in outcomes.Where(o => o.Failure is not null))
        {
            var failure = outcome.Failure!;
            if (failure is FileChangedException && outcome.File.ChangedSha256 is null)
            {
                violations.Add($"upload {outcome.Index}: FileChangedException for a file nobody changed: {failure.Message}");
            }
            else if (failure is OperationCanceledException || string.IsNullOrWhiteSpace(failure.Message))
            {
                violations.Add($"upload {outcome.Index}: {failure.GetType().Name} instead of a clear failure: {failure.Message}");
            }
            else if (failure is MapboxApiException { IsRetryable: false } api && !api.IsTilesetBusy)
            {
                violations.Add($"upload {outcome.Index}: a non-retryable API refusal under transient faults only: {api.Message}");
            }
        }

        violations.AddRange(outcomes.Where(o => o.Duration > settings.Bound)
            .Select(o => FormattableString.Invariant($"upload {o.Index} took {o.Duration.TotalSeconds:F1} s, over its bound of {settings.Bound.TotalSeconds:F0} s")));

        // The service's own record, read with the faults off, must agree with every success the client reported.
        using var auditor = new UploadsClient(token, new UploadsClientOptions { ApiBaseUrl = emulator.BaseUrl, HttpClient = http });
        var service = new Dictionary<string, Upload>(StringComparer.Ordinal);
        await foreach (var upload in auditor.ListAsync(new ListUploadsOptions { PageSize = ListUploadsOptions.MaxPageSize }, cancellationToken).ConfigureAwait(false))
        {
            service[upload.Id] = upload;
        }

        foreach (var outcome in outcomes.Where(o => o.Final is { Succeeded: true }))
        {
            if (!service.TryGetValue(outcome.Final!.Id, out var recorded) || !recorded.Succeeded || recorded.Tileset != $"soak.{outcome.Tileset}")
            {
                violations.Add($"upload {outcome.Index}: reported success for {outcome.Final.Id}, but the service says {(recorded is null ? "no such upload" : $"complete={recorded.Complete} error={recorded.Error}")}");
            }
        }

        var open = emulator.OpenMultipartUploads.Count;
        var openOfExpired = emulator.OpenMultipartUploadsOfExpiredCredentials;
        if (open > openOfExpired)
        {
            violations.Add($"{open - openOfExpired} multipart upload(s) left open whose credentials could still abort them");
        }

        var durations = outcomes.Select(o => o.Duration.TotalSeconds).OrderBy(d => d).ToArray();
        return new SoakReport(
            Uploads: outcomes.Count,
            Succeeded: outcomes.Count(o => o.Final is { Succeeded: true }),
            ProcessingFailedAsExpected: outcomes.Count(o => o.Final is { Failed: true } && o.Tileset == DoomedTileset),
            FailedWithException: outcomes.Where(o => o.Failure is not null)
                .GroupBy(o => Describe(o.Failure!))
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            ByteExactStagedObjects: byteExact,
            MultipartUploads: outcomes.Count(o => o.File.Length >= UploadsClientOptions.MinPartSize),
            Requests: requests.Count,
            RequestsWithInjectedFault: requests.Count(r => r.InjectedFault is not null),
            FaultsByKind: requests.Where(r => r.InjectedFault is not null)
                .GroupBy(r => r.InjectedFault!.Value.ToString())
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            BusyAnswers: requests.Count(r => r.Route == EmulatorRoute.Create && r.StatusCode is 409 or 422 && r.InjectedFault is null),
            OpenMultipartUploadsAtEnd: open,
            OpenMultipartUploadsOfExpiredCredentials: openOfExpired,
            CredentialExpiries: credentialExpiries,
            ChangingFiles: outcomes.Count(o => o.File.ChangedSha256 is not null),
            FailedAsChanged: outcomes.Count(o => o.Failure is FileChangedException),
            SucceededWithContentBeforeChange: succeededBeforeChange,
            SucceededWithContentAfterChange: succeededAfterChange,
            P50Seconds: Percentile(durations, 0.50),
            P95Seconds: Percentile(durations, 0.95),
            MaxSeconds: durations.Length == 0 ? 0 : durations[^1],
            WallSeconds: wall.TotalSeconds,
            Violations: violations);
    }

    private static string Describe(Exception failure) => failure switch
    {
        MapboxApiException api => $"MapboxApiException:{api.Operation}:{api.StatusCode}",
        StagingException staging => $"StagingException:{staging.StatusCode}:{staging.S3ErrorCode}",
        _ => failure.GetType().Name,
    };

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];

    /// <summary>Eight small GeoJSON files (1 to 40 KB) and two just over 5 MiB that go multipart (two parts each).</summary>
    private static IReadOnlyList<SoakFile> WriteFiles(string directory, int seed)
    {
        var random = new Random(seed);
        var files = new List<SoakFile>();
        for (var index = 0; index < 10; index++)
        {
            var multipart = index % 5 == 4;
            var path = Path.Combine(directory, $"data-{index}.geojson");
            var content = GeoJson(random, multipart ? MultipartFileSize : random.Next(1_000, 40_000));
            File.WriteAllBytes(path, content);
            files.Add(new SoakFile(path, content.LongLength, SHA256.HashData(content), null));
        }

        return files;
    }

    /// <summary>A valid FeatureCollection of random points, padded with spaces to exactly <paramref name="size"/> bytes.</summary>
    private static byte[] GeoJson(Random random, long size)
    {
        var text = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        const string End = "]}";
        var first = true;
        while (true)
        {
            var feature = FormattableString.Invariant(
                $"{(first ? "" : ",")}{{\"type\":\"Feature\",\"properties\":{{\"n\":{random.Next()}}},\"geometry\":{{\"type\":\"Point\",\"coordinates\":[{(random.NextDouble() * 360) - 180:F6},{(random.NextDouble() * 170) - 85:F6}]}}}}");
            if (text.Length + feature.Length + End.Length > size)
            {
                break;
            }

            text.Append(feature);
            first = false;
        }

        text.Append(End);
        text.Append(' ', (int)(size - text.Length));
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>A data file and the SHA-256 of its content; a changing file also has the SHA-256 of its content after the change.</summary>
    private sealed record SoakFile(string Path, long Length, byte[] Sha256, byte[]? ChangedSha256)
    {
        /// <summary>0 for the original content, 1 for the changed one, null for neither.</summary>
        public int? VersionOf(byte[] sha256) =>
            sha256.AsSpan().SequenceEqual(Sha256) ? 0 : ChangedSha256 is not null && sha256.AsSpan().SequenceEqual(ChangedSha256) ? 1 : null;
    }

    /// <summary>
    /// One upload of the soak. Every <see cref="ChangingEvery"/>th one stages a private copy of a multipart file, whose
    /// last coordinate's digits are rewritten in place at a random moment of its checks and staging: one small write,
    /// so any read sees exactly the old or the new version, and only a hash of what was streamed tells them apart.
    /// </summary>
    private sealed class SoakUpload
    {
        private const int ChangedBytes = 6;
        private readonly byte[]? _changedBytes;
        private readonly long _changeAt;
        private readonly int _delayMilliseconds;

        public SoakUpload(int index, IReadOnlyList<SoakFile> files, string directory, int seed)
        {
            Index = index;
            var shared = files[index % files.Count];
            if (index % ChangingEvery != ChangingEvery - 1)
            {
                File = shared;
                return;
            }

            var source = files.First(f => f.Length >= UploadsClientOptions.MinPartSize);
            var content = System.IO.File.ReadAllBytes(source.Path);
            var path = System.IO.Path.Combine(directory, $"changing-{index}.geojson");
            System.IO.File.WriteAllBytes(path, content);
            var random = new Random(seed + index);
            _changeAt = Array.LastIndexOf(content, (byte)'.') + 1;
            _changedBytes = Encoding.ASCII.GetBytes(random.Next(100_000, 999_999).ToString(System.Globalization.CultureInfo.InvariantCulture));
            _delayMilliseconds = random.Next(0, 400);
            var changed = (byte[])content.Clone();
            _changedBytes.CopyTo(changed, _changeAt);
            File = new SoakFile(path, content.LongLength, SHA256.HashData(content), SHA256.HashData(changed));
        }

        public int Index { get; }

        public SoakFile File { get; }

        public async Task ChangeWhileStagingAsync(CancellationToken cancellationToken)
        {
            if (_changedBytes is null)
            {
                return;
            }

            try
            {
                await Task.Delay(_delayMilliseconds, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            using var stream = new FileStream(File.Path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
            stream.Position = _changeAt;
            stream.Write(_changedBytes, 0, ChangedBytes);
        }
    }

    /// <summary>The service clock: real time plus the jumps the soak makes to expire the credentials issued so far.</summary>
    private sealed class JumpingClock : TimeProvider
    {
        private long _jumpedTicks;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _jumpedTicks));

        public void Jump(TimeSpan by) => Interlocked.Add(ref _jumpedTicks, by.Ticks);
    }

    private sealed record UploadOutcome(int Index, SoakFile File, string Tileset, Upload? Final, Exception? Failure, TimeSpan Duration, string? StagedKey);
}
