using System;

namespace Mapbox.Uploads;

/// <summary>
/// Thrown when a string is not a usable Mapbox access token. The message never contains the input,
/// because the input may be a real secret.
/// </summary>
public sealed class InvalidMapboxTokenException : FormatException
{
    /// <summary>Creates the exception for the given reason.</summary>
    /// <param name="reason">Why the token was refused.</param>
    public InvalidMapboxTokenException(InvalidMapboxTokenReason reason)
        : base(Describe(reason))
    {
        Reason = reason;
    }

    /// <summary>Why the token was refused.</summary>
    public InvalidMapboxTokenReason Reason { get; }

    private static string Describe(InvalidMapboxTokenReason reason) => reason switch
    {
        InvalidMapboxTokenReason.MissingUsername =>
            "Invalid token: the Mapbox access token's payload has no username ('u'). Use a token created on account.mapbox.com.",
        _ =>
            "Invalid token: a Mapbox access token looks like 'sk.<payload>.<signature>' (or pk./tk.). Check that the whole token was copied.",
    };
}
