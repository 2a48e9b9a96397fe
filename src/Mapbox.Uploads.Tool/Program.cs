using System.Threading.Tasks;

namespace Mapbox.Uploads.Tool;

/// <summary>The entry point of <c>dotnet mapbox</c>.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => CommandTable.RunAsync(args);
}
