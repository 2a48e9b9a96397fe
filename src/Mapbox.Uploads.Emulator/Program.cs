using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;

if (!CommandLine.TryParse(args, out var command, out var problem))
{
    Console.Error.WriteLine(problem);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

await using var emulator = await EmulatorServer.StartAsync(command.Options);
foreach (var rule in command.Faults)
{
    emulator.Faults.Add(rule);
}
emulator.Processing.InspectContent = command.InspectContent;
foreach (var (tileset, error) in command.FailedTilesets)
{
    emulator.Processing.FailTileset(tileset, error);
}
var stopped = new TaskCompletionSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

Console.WriteLine($"Listening on {emulator.BaseUrl}");
Console.WriteLine($"Token: {emulator.MintToken(command.Username)}");
foreach (var extra in command.Tokens)
{
    var token = emulator.MintToken(extra.Account ?? command.Username, [.. extra.Scopes]);
    Console.WriteLine($"Token {extra.Label}: {token}");
    if (extra.RevokeAfter is { } revokeAfter)
    {
        _ = RevokeAsync(token, revokeAfter);
    }
}
Console.Out.Flush();

await stopped.Task;
return 0;

// A zero delay completes at once, so such a token is revoked before anything can use it.
async Task RevokeAsync(string token, TimeSpan delay)
{
    await Task.Delay(delay);
    emulator.RevokeToken(token);
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stopped.TrySetResult();
}
