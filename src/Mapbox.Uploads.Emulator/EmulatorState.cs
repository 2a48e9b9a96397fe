namespace Mapbox.Uploads.Emulator;

/// <summary>Everything the routes and middleware of one emulator share.</summary>
internal sealed class EmulatorState(EmulatorOptions options)
{
    public EmulatorOptions Options { get; } = options;

    public TokenRegistry Tokens { get; } = new();

    public StagingStore Staging { get; } = new(options.Bucket, options.TimeProvider, options.CredentialLifetime);

    public UploadStore Uploads { get; } = new(options.TimeProvider, options.ProcessingTime);

    public ProcessingRules Processing { get; } = new();

    public FaultRules Faults { get; } = new(options.FaultSeed);

    public RateLimiter RateLimiter { get; } = new(options.TimeProvider, options.RateLimitPerMinute, options.RateLimitWindow);

    public RequestLog Requests { get; } = new(options.RequestLogPath, options.TimeProvider);

    public TilesetsStore Tilesets { get; } = new(options.TimeProvider, options.TilesetProcessingTime);

    public TilesetProcessingRules TilesetProcessing => Tilesets.Rules;

    public TilesetsRateLimiter TilesetsRateLimiter { get; } = new(options);
}
