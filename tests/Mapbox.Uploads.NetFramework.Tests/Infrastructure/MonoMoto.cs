using System.Threading.Tasks;

namespace Mapbox.Uploads.NetFramework.Tests.Infrastructure;

/// <summary>
/// The independent service (and its moto_server) started once the pack and the host build are done: started beside
/// them, its Python start-up competes for the same two cores and can miss its bound.
/// </summary>
public sealed class MonoMoto : IAsyncLifetime
{
    public IndependentService Service { get; } = new();

    public PackedTask Package { get; private set; } = null!;

    public NetFrameworkHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Package = await PackedTask.GetAsync();
        Host = await NetFrameworkHost.ForAsync(NetFrameworkHost.OldestSupported);
        await Service.InitializeAsync();
    }

    public Task DisposeAsync() => Service.DisposeAsync();
}
