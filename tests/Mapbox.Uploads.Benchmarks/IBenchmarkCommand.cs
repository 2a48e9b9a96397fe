namespace Mapbox.Uploads.Benchmarks;

/// <summary>One benchmark, run as <c>dotnet run -c Release --project tests/Mapbox.Uploads.Benchmarks -- name [options]</c>.</summary>
internal interface IBenchmarkCommand
{
    string Name { get; }

    string Description { get; }

    /// <summary>Runs the benchmark with the arguments after its name; returns the process exit code.</summary>
    int Run(string[] args);
}
