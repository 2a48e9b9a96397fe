namespace Mapbox.Uploads.Tool;

/// <summary>The documented exit codes of <c>dotnet mapbox</c>; the README's table mirrors them.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The operation failed: a check, a request, a processing or a wait.</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong; nothing was sent.</summary>
    public const int Usage = 2;

    /// <summary>Ctrl+C; open multipart uploads were aborted.</summary>
    public const int Cancelled = 3;
}
