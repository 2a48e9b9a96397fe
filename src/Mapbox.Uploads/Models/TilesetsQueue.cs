using System.Text.Json.Serialization;

namespace Mapbox.Uploads;

/// <summary>The Tiling Service's global queue (<see cref="TilesetsClient.GetQueueAsync"/>).</summary>
public sealed class TilesetsQueue
{
    /// <summary>Jobs waiting in the queue.</summary>
    [JsonPropertyName("total")]
    public int Total { get; set; }
}
