using Mapbox.Uploads.Build.Tests.Infrastructure;
using Microsoft.Build.Utilities;

namespace Mapbox.Uploads.Build.Tests.TilingService;

/// <summary>A build log over a fake engine, for the Tiling Service's stages called directly.</summary>
internal static class MtsLogs
{
    public static (BuildLog Log, FakeBuildEngine Engine) Create()
    {
        var engine = new FakeBuildEngine();
        return (new BuildLog(new TaskLoggingHelper(engine, nameof(MapboxUpload))), engine);
    }
}
