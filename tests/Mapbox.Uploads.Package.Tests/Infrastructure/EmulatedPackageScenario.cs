using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;

namespace Mapbox.Uploads.Package.Tests.Infrastructure;

/// <summary>
/// Ring 3's common start: the packed feed (shared by the run), an in-process emulator of its own and a token of
/// the sample's account, with the property that points a sandbox build at that emulator.
/// </summary>
public abstract class EmulatedPackageScenario : IAsyncLifetime
{
    protected const string Account = "lindenau";

    private readonly TimeSpan _processingTime;
    private readonly HashSet<string> _accountFlags;

    /// <param name="processingMilliseconds">How long the emulator's uploads and tileset jobs take.</param>
    /// <param name="accountFlags">The account feature flags the emulator grants (api_rasterarrays for rasterarray recipes).</param>
    protected EmulatedPackageScenario(int processingMilliseconds = 300, params string[] accountFlags)
    {
        _processingTime = TimeSpan.FromMilliseconds(processingMilliseconds);
        _accountFlags = new HashSet<string>(accountFlags, StringComparer.Ordinal);
    }

    protected EmulatorServer Emulator { get; private set; } = null!;

    protected PackageFeed Feed { get; private set; } = null!;

    protected string Token { get; private set; } = string.Empty;

    protected string ApiProperty => $"-p:MapboxApiUrl={Emulator.BaseUrl}";

    public async Task InitializeAsync()
    {
        Feed = await PackageFeed.GetAsync();
        Emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = _processingTime, TilesetProcessingTime = _processingTime, RateLimitPerMinute = 0, AccountFlags = _accountFlags });
        Token = Emulator.MintToken(Account);
    }

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}
