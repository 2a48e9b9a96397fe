using System;
using System.Linq;

namespace Mapbox.Uploads.Benchmarks;

/// <summary>
/// The fault soak: --uploads N (500) uploads through the client, --concurrency C (8) at once, against the
/// in-process emulator with seeded faults on over a fifth of the requests; prints the figures of
/// docs/reliability.md and fails when any promise broke.
/// </summary>
internal sealed class SoakCommand : IBenchmarkCommand
{
    public string Name => "soak";

    public string Description => "fault soak: --uploads N (500) --concurrency C (8) --seed S against the emulator with faults on";

    public int Run(string[] args)
    {
        var settings = new SoakSettings(
            BenchmarkArguments.Int(args, "--uploads", 500),
            BenchmarkArguments.Int(args, "--concurrency", 8),
            BenchmarkArguments.Int(args, "--seed", new SoakSettings(0).Seed));
        var report = SoakRun.RunAsync(settings).GetAwaiter().GetResult();
        foreach (var violation in report.Violations.Take(50))
        {
            Console.Error.WriteLine("VIOLATION " + violation);
        }

        Console.WriteLine(report.Summary());
        return report.Violations.Count == 0 ? 0 : 1;
    }
}
