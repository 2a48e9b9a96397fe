using System;

namespace Mapbox.Uploads.Build;

/// <summary>An expected failure with its code; the base task logs it as a coded error.</summary>
internal sealed class MapboxBuildException : Exception
{
    public MapboxBuildException(ErrorCode code, string message, string? file = null)
        : base(message)
    {
        Code = code;
        File = file;
    }

    public ErrorCode Code { get; }

    public string? File { get; }
}
