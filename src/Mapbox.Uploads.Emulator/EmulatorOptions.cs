using System;
using System.Collections.Generic;

namespace Mapbox.Uploads.Emulator;

/// <summary>How an <see cref="EmulatorServer"/> behaves. Every default mirrors the real service.</summary>
public sealed class EmulatorOptions
{
    /// <summary>The smallest size S3 accepts for a multipart part other than the last (5 MiB).</summary>
    public const int S3MinimumPartSize = 5 * 1024 * 1024;

    /// <summary>The loopback port to listen on; 0 picks a free one (read the real one from <see cref="EmulatorServer.BaseUrl"/>).</summary>
    public int Port { get; init; }

    /// <summary>How long an upload takes to go from progress 0 to complete (2 s by default; zero completes at once).</summary>
    public TimeSpan ProcessingTime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>API requests allowed per token and minute (60 by default, as the real service); 0 turns the limit off.</summary>
    public int RateLimitPerMinute { get; init; } = 60;

    /// <summary>
    /// The length of a rate-limit window (one minute by default, as the real service): at most
    /// <see cref="RateLimitPerMinute"/> API requests per token and window. Shorten it so a test sees
    /// several windows in seconds.
    /// </summary>
    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The status a create answers while the same tileset has an upload processing: 422 (default) or 409.</summary>
    public int BusyStatusCode { get; init; } = 422;

    /// <summary>The smallest non-last multipart part the S3 accepts; lower it so tests can use small files.</summary>
    public int MinimumPartSize { get; init; } = S3MinimumPartSize;

    /// <summary>The page size of a list request without <c>limit</c> (100, also the largest <c>limit</c> accepted).</summary>
    public int DefaultListLimit { get; init; } = ListLimits.Maximum;

    /// <summary>Seeds the random draws of probabilistic fault rules, so a soak test is reproducible.</summary>
    public int FaultSeed { get; init; }

    /// <summary>
    /// How long the staging credentials it issues stay valid; after it, S3 answers them with <c>ExpiredToken</c>, as
    /// real temporary credentials do part-way through a long upload. Null (the default) never expires them.
    /// </summary>
    public TimeSpan? CredentialLifetime { get; init; }

    /// <summary>
    /// A file that every request is appended to as one JSON line once answered (tokens redacted, as in
    /// <see cref="EmulatorServer.Requests"/>), so a run can be checked from outside the process; null writes none.
    /// </summary>
    public string? RequestLogPath { get; init; }

    /// <summary>
    /// Another S3 the staging credentials point at instead of this emulator's own (a discarding benchmark server, moto):
    /// their url becomes <c>{StagingUrl}{bucket}/{key}</c>. The emulator then never sees the staged bytes, so a create
    /// accepts any url it issued to the account and processes it without inspecting content. Null (the default) stages here.
    /// </summary>
    public Uri? StagingUrl { get; init; }

    /// <summary>The bucket the credentials name.</summary>
    public string Bucket { get; init; } = "tilestream-tilesets-production";

    /// <summary>
    /// The service clock: timestamps, processing progress and rate-limit windows read it, so a test can
    /// move time forward instead of sleeping. Injected latency always uses real time.
    /// </summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>How long a Tiling Service publish job runs before it finishes (2 s by default; zero finishes at the first read).</summary>
    public TimeSpan TilesetProcessingTime { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The account feature flags every account has; empty by default, as most real accounts. <c>api_rasterarrays</c>
    /// lets rasterarray recipes through; without it creating a tileset or updating a recipe of that type answers 403
    /// naming the flag.
    /// </summary>
    public IReadOnlySet<string> AccountFlags { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Tiling Service publishes allowed per token and window (2 by default, as the real service); 0 turns the limit off.</summary>
    public int TilesetPublishesPerMinute { get; init; } = 2;

    /// <summary>
    /// Whether the account has incremental updates (a beta): false answers every changeset route and
    /// publish-changesets 403 with the service's "contact your account manager" message. True by default.
    /// </summary>
    public bool IncrementalUpdates { get; init; } = true;

    internal void Validate()
    {
        if (TilesetProcessingTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(TilesetProcessingTime), TilesetProcessingTime, "TilesetProcessingTime cannot be negative.");
        }
        if (TilesetPublishesPerMinute < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(TilesetPublishesPerMinute), TilesetPublishesPerMinute, "TilesetPublishesPerMinute cannot be negative.");
        }
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port must be 0 to 65535.");
        }
        if (ProcessingTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ProcessingTime), ProcessingTime, "ProcessingTime cannot be negative.");
        }
        if (RateLimitPerMinute < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(RateLimitPerMinute), RateLimitPerMinute, "RateLimitPerMinute cannot be negative.");
        }
        if (RateLimitWindow < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(RateLimitWindow), RateLimitWindow, "RateLimitWindow must be at least one second.");
        }
        if (BusyStatusCode is not (409 or 422))
        {
            throw new ArgumentOutOfRangeException(nameof(BusyStatusCode), BusyStatusCode, "BusyStatusCode must be 409 or 422.");
        }
        if (MinimumPartSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumPartSize), MinimumPartSize, "MinimumPartSize must be positive.");
        }
        if (DefaultListLimit is < 1 or > ListLimits.Maximum)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultListLimit), DefaultListLimit, "DefaultListLimit must be 1 to 100.");
        }
        if (CredentialLifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(CredentialLifetime), CredentialLifetime, "CredentialLifetime must be positive.");
        }
        if (StagingUrl is not null && (!StagingUrl.IsAbsoluteUri || StagingUrl.Scheme is not ("http" or "https") || !StagingUrl.AbsolutePath.EndsWith('/')))
        {
            throw new ArgumentException("StagingUrl must be an absolute http or https url whose path ends with '/'.", nameof(StagingUrl));
        }
        if (string.IsNullOrWhiteSpace(Bucket))
        {
            throw new ArgumentException("Bucket is required.", nameof(Bucket));
        }
    }
}

internal static class ListLimits
{
    public const int Maximum = 100;
}
