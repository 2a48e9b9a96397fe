using System.IO;

namespace Mapbox.Uploads;

/// <summary>
/// The bytes staged (or sent to a tileset source) were not the bytes the caller checked: the file changed, grew or
/// shrank since it was checked. Nothing was created from them: any multipart upload was aborted, and a source
/// request was cut short before its body ended.
/// </summary>
public sealed class FileChangedException : IOException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="filePath">The file that changed.</param>
    /// <param name="expectedSha256">The SHA-256 the caller recorded (lowercase hex).</param>
    /// <param name="actualSha256">The SHA-256 of what was read while staging or sending, when it was hashed and the read completed.</param>
    /// <param name="message">What differed.</param>
    public FileChangedException(string filePath, string expectedSha256, string? actualSha256, string message)
        : base(message)
    {
        FilePath = filePath;
        ExpectedSha256 = expectedSha256;
        ActualSha256 = actualSha256;
    }

    /// <summary>The file that changed.</summary>
    public string FilePath { get; }

    /// <summary>The SHA-256 the caller recorded when it checked the file (lowercase hex).</summary>
    public string ExpectedSha256 { get; }

    /// <summary>
    /// The SHA-256 of the bytes read while staging or sending; null when the read stopped short, or when staging compared
    /// them with the checks' block tags instead (a check made in the same process), which names the first changed offset.
    /// </summary>
    public string? ActualSha256 { get; }
}
