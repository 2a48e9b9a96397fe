using System;

namespace Mapbox.Uploads.Build;

/// <summary>How a run uploads: wait for processing or not, the bound per tileset, tilesets staged at once.</summary>
/// <param name="Wait">Wait for processing (MapboxUploadWait).</param>
/// <param name="Timeout">The bound per tileset's processing (MapboxUploadTimeout).</param>
/// <param name="MaxParallel">Tilesets staging and creating at once; processing waits are shared and hold no slot.</param>
internal sealed record UploadSettings(bool Wait, TimeSpan Timeout, int MaxParallel);
