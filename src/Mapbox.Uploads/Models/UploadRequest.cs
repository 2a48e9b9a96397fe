using System;

namespace Mapbox.Uploads;

/// <summary>What <see cref="UploadsClient.CreateAsync"/> sends: a tileset and the staged file's url.</summary>
public sealed class UploadRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="tileset">The tileset to create or replace.</param>
    /// <param name="url">The staged file's url (<see cref="StagedFile.Url"/>) or <c>mapbox://datasets/{username}/{dataset}</c>.</param>
    public UploadRequest(TilesetId tileset, string url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new ArgumentException("The staged file's url is required.", nameof(url));
        }

        Tileset = tileset;
        Url = url;
    }

    /// <summary>The tileset to create or replace.</summary>
    public TilesetId Tileset { get; }

    /// <summary>The staged file's url.</summary>
    public string Url { get; }

    /// <summary>The display name (at most <see cref="TilesetId.MaxNameLength"/> characters); null sends the id part, as the Python SDK does.</summary>
    public string? Name { get; set; }

    /// <summary>Sent as <c>patch</c> when set (needs an account feature flag).</summary>
    public bool? Patch { get; set; }

    /// <summary>Sent as <c>bypass_mbtiles_validation</c> when set (needs an account feature flag).</summary>
    public bool? BypassValidation { get; set; }
}
