using System.Globalization;

namespace Mapbox.Uploads.Validation;

/// <summary>A reason a tileset source cannot be sent, found before any request.</summary>
public sealed class TilesetSourceProblem
{
    internal TilesetSourceProblem(string sourceId, string? filePath, string message, int? line = null, int? column = null)
    {
        SourceId = sourceId;
        FilePath = filePath;
        Message = message;
        Line = line;
        Column = column;
    }

    /// <summary>The source the problem belongs to.</summary>
    public string SourceId { get; }

    /// <summary>The file at fault; null for a problem of the whole source (its id, its number of files, its size).</summary>
    public string? FilePath { get; }

    /// <summary>What is wrong and what to do.</summary>
    public string Message { get; }

    /// <summary>The 1-based line in the file, when the problem is in its content.</summary>
    public int? Line { get; }

    /// <summary>The 1-based column in the file, when the problem is in its content.</summary>
    public int? Column { get; }

    /// <summary>The problem on one line: file, position, source and message.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var where = FilePath is null ? string.Empty
            : Line is { } line ? string.Format(CultureInfo.InvariantCulture, "{0}({1},{2}): ", FilePath, line, Column ?? 1)
            : FilePath + ": ";
        return $"{where}tileset source '{SourceId}': {Message}";
    }
}
