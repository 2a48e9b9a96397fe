using System;

namespace Mapbox.Uploads.Build;

/// <summary>How a run uploads: wait for processing or not, the bound per tileset, tilesets staged at once.</summary>
internal sealed class UploadSettings
{
    public UploadSettings(bool wait, TimeSpan timeout, int maxParallel)
    {
        Wait = wait;
        Timeout = timeout;
        MaxParallel = maxParallel;
    }

    public bool Wait { get; }

    public TimeSpan Timeout { get; }

    /// <summary>Tilesets staging and creating at once; processing waits are shared and hold no slot.</summary>
    public int MaxParallel { get; }
}
