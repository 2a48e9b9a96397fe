using System.Runtime.InteropServices;
using System.Threading;
using Mapbox.Uploads.Emulator;

using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await CommandLineRun.RunAsync(args, System.Console.Out, System.Console.Error, stop.Token);

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}
