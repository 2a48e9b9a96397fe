using System;
using Mapbox.Uploads.Build;

namespace Mapbox.Uploads.Tool;

/// <summary>An expected failure with the task's code for it, printed as <c>error MBXnnnn: title: detail</c>.</summary>
internal sealed class CodedFailure : Exception
{
    public CodedFailure(ErrorCode code, string detail, int exitCode = ExitCodes.Failed, string? file = null)
        : base(detail)
    {
        Code = code;
        ExitCode = exitCode;
        File = file;
    }

    /// <summary>The data file the failure concerns, printed first so terminals and IDEs can open it.</summary>
    public string? File { get; }

    public ErrorCode Code { get; }

    public int ExitCode { get; }
}
