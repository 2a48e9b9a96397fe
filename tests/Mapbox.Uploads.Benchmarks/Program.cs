using System;
using System.Collections.Generic;
using Mapbox.Uploads.Benchmarks;

// One command per file; add a new IBenchmarkCommand to this list to add a benchmark.
var commands = new List<IBenchmarkCommand>
{
    new ValidateGeoJsonCommand(),
    new ConvertGeoJsonCommand(),
    new DiscardS3Command(),
    new StageFileCommand(),
    new BuildStageCommand(),
    new ParallelTilesetsCommand(),
    new NoOpRebuildCommand(),
    new PollCostCommand(),
    new SoakCommand(),
    new WaitStrategiesCommand(),
    new DiffChangesetCommand(),
    new RasterBuildCommand(),
};

if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("usage: dotnet run -c Release --project tests/Mapbox.Uploads.Benchmarks -- <command> [options]");
    Console.WriteLine();
    foreach (var command in commands)
    {
        Console.WriteLine($"  {command.Name,-20} {command.Description}");
    }

    return args.Length == 0 ? 1 : 0;
}

foreach (var command in commands)
{
    if (command.Name == args[0])
    {
        return command.Run(args[1..]);
    }
}

Console.Error.WriteLine($"Unknown command '{args[0]}'. Run with --help to list the commands.");
return 1;
