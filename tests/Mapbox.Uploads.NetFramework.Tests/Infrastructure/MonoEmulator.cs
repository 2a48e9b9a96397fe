using System;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;

namespace Mapbox.Uploads.NetFramework.Tests.Infrastructure;

/// <summary>
/// One emulator, the packed task and the hosts (built here, used by the tests through <see cref="NetFrameworkHost.ForAsync"/>),
/// shared by every test of the collection; the tests run one after another, so a fault rule one sets cannot reach another's run.
/// </summary>
public sealed class MonoEmulator : IAsyncLifetime
{
    public EmulatorServer Emulator { get; private set; } = null!;

    public PackedTask Package { get; private set; } = null!;

    public NetFrameworkHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The pack and both host builds are separate dotnet processes: started together, they overlap.
        var package = PackedTask.GetAsync();
        var host = NetFrameworkHost.ForAsync(NetFrameworkHost.OldestSupported);
        var unsupportedHost = NetFrameworkHost.ForAsync(NetFrameworkHost.Unsupported);
        Emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromSeconds(1), RateLimitPerMinute = 0 });
        await Task.WhenAll(package, host, unsupportedHost);
        Package = await package;
        Host = await host;
    }

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class MonoEmulatorCollection : ICollectionFixture<MonoEmulator>
{
    public const string Name = "The packed net472 task under Mono against one emulator";
}
