using System;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;

namespace Mapbox.Uploads.NetFramework.Tests.Infrastructure;

/// <summary>
/// One emulator, the packed task and the host for the oldest supported Visual Studio, shared by every test of the
/// collection; the tests run one after another, so a fault rule one sets cannot reach another's run.
/// </summary>
public sealed class MonoEmulator : IAsyncLifetime
{
    public EmulatorServer Emulator { get; private set; } = null!;

    public PackedTask Package { get; private set; } = null!;

    public NetFrameworkHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await EmulatorServer.StartAsync(new EmulatorOptions { ProcessingTime = TimeSpan.FromSeconds(1), RateLimitPerMinute = 0 });
        Package = await PackedTask.GetAsync();
        Host = await NetFrameworkHost.ForAsync(NetFrameworkHost.OldestSupported);
    }

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class MonoEmulatorCollection : ICollectionFixture<MonoEmulator>
{
    public const string Name = "The packed net472 task under Mono against one emulator";
}
