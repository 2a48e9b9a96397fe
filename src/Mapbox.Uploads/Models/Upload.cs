using System;
using System.Text.Json.Serialization;

namespace Mapbox.Uploads;

/// <summary>An upload's status record, as the service returns it from create, status and list.</summary>
public sealed class Upload
{
    /// <summary>The upload id (25 lowercase letters and digits).</summary>
    [JsonPropertyName("id")]
    public string Id { get; set; } = string.Empty;

    /// <summary>The tileset the upload creates or replaces, <c>owner.id</c>.</summary>
    [JsonPropertyName("tileset")]
    public string Tileset { get; set; } = string.Empty;

    /// <summary>The display name, or null.</summary>
    [JsonPropertyName("name")]
    public string? Name { get; set; }

    /// <summary>The account that made the upload.</summary>
    [JsonPropertyName("owner")]
    public string Owner { get; set; } = string.Empty;

    /// <summary>True once processing has finished.</summary>
    [JsonPropertyName("complete")]
    public bool Complete { get; set; }

    /// <summary>Processing progress as the service reports it, from 0 to 1.</summary>
    [JsonPropertyName("progress")]
    public double Progress { get; set; }

    /// <summary>The processing error, or null. Not null means the upload failed for good.</summary>
    [JsonPropertyName("error")]
    public string? Error { get; set; }

    /// <summary>When the upload was created.</summary>
    [JsonPropertyName("created")]
    public DateTimeOffset? Created { get; set; }

    /// <summary>When the upload last changed.</summary>
    [JsonPropertyName("modified")]
    public DateTimeOffset? Modified { get; set; }

    /// <summary>True when processing finished without an error.</summary>
    [JsonIgnore]
    public bool Succeeded => Complete && Error is null;

    /// <summary>True when the service reported an error; the upload will not finish.</summary>
    [JsonIgnore]
    public bool Failed => Error is not null;

    /// <summary>A one-line summary for logs.</summary>
    /// <returns>Id, tileset and state.</returns>
    public override string ToString()
    {
        var state = Failed ? $"failed: {Error}" : Complete ? "complete" : FormattableString.Invariant($"processing {Progress:0%}");
        return $"upload {Id} of {Tileset} ({state})";
    }
}
