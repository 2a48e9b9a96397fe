using System.IO;
using System.Linq;
using System.Reflection;

namespace Mapbox.Uploads.Testing;

/// <summary>Where the repository is; recorded at build time because the tests may run from any artifacts path.</summary>
public static class Repository
{
    public static string Root { get; } = typeof(Repository).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "RepositoryRoot")
        .Value!;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
