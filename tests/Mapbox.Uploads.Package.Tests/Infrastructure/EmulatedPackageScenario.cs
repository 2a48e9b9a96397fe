using System;
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

    protected EmulatedPackageScenario(int processingMilliseconds = 300) => _processingTime = TimeSpan.FromMilliseconds(processingMilliseconds);

    protected EmulatorServer Emulator { get; private set; } = null!;

    protected PackageFeed Feed { get; private set; } = null!;

    protected string Token { get; private set; } = string.Empty;

    protected string ApiProperty => $"-p:MapboxApiUrl={Emulator.BaseUrl}";

    public async Task InitializeAsync()
    {
        Feed = await PackageFeed.GetAsync();
        Emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = _processingTime, RateLimitPerMinute = 0 });
        Token = Emulator.MintToken(Account);
    }

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}
