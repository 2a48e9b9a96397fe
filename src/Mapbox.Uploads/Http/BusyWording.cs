using System;

namespace Mapbox.Uploads.Http;

/// <summary>Tells a 422 "the tileset is still processing" from a 422 "your body is invalid".</summary>
internal static class BusyWording
{
    public static bool IsBusy(string? serviceMessage) =>
        serviceMessage is not null &&
        (serviceMessage.IndexOf("busy", StringComparison.OrdinalIgnoreCase) >= 0 ||
         serviceMessage.IndexOf("processing", StringComparison.OrdinalIgnoreCase) >= 0);
}
