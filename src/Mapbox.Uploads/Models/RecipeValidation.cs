using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using Mapbox.Uploads.Http;

namespace Mapbox.Uploads;

/// <summary>The service's verdict on a recipe (<see cref="TilesetsClient.ValidateRecipeAsync"/>).</summary>
public sealed class RecipeValidation
{
    /// <summary>True when the service accepts the recipe.</summary>
    [JsonPropertyName("valid")]
    public bool Valid { get; set; }

    /// <summary>What is wrong with the recipe, as the service words it; empty when valid.</summary>
    [JsonPropertyName("errors")]
    [JsonConverter(typeof(MessageListConverter))]
    public IReadOnlyList<string> Errors { get; set; } = Array.Empty<string>();
}
