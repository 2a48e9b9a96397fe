using System;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Emulator;

if (!CommandLine.TryParse(args, out var command, out var problem))
{
    Console.Error.WriteLine(problem);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

var (emulator, tokens) = await CommandStart.StartAsync(command, CancellationToken.None);
await using (emulator)
{
    var stopped = new TaskCompletionSource();
    using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
    using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

    Console.WriteLine($"Listening on {emulator.BaseUrl}");
    foreach (var (label, token) in tokens)
    {
        Console.WriteLine(CommandStart.TokenLine(label, token));
    }

    Console.Out.Flush();
    await stopped.Task;
    return 0;

    void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        stopped.TrySetResult();
    }
}
