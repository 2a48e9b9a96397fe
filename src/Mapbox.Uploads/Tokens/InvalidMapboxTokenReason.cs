namespace Mapbox.Uploads;

/// <summary>Why a string was not accepted as a Mapbox access token.</summary>
public enum InvalidMapboxTokenReason
{
    /// <summary>The value is not <c>pk.</c>, <c>sk.</c> or <c>tk.</c> followed by a base64url JSON payload and a signature.</summary>
    Malformed,

    /// <summary>The payload decodes, but carries no username (<c>u</c>).</summary>
    MissingUsername,
}
