using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;

if (!CommandLine.TryParse(args, out var options, out var username, out var problem))
{
    Console.Error.WriteLine(problem);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

await using var emulator = await EmulatorServer.StartAsync(options);
var stopped = new TaskCompletionSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

Console.WriteLine($"Listening on {emulator.BaseUrl}");
Console.WriteLine($"Token: {emulator.MintToken(username, [.. TokenRegistry.UploadScopes, .. EmulatorServer.TilesetScopes])}");
Console.Out.Flush();

await stopped.Task;
return 0;

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopped.TrySetResult();
}
