using System;
using System.Globalization;

namespace Mapbox.Uploads.Validation;

/// <summary>The first problem pre-flight validation found in a file, with its location in text files.</summary>
public sealed class FileProblem
{
    /// <summary>Creates a problem.</summary>
    /// <param name="kind">What is wrong.</param>
    /// <param name="message">What is wrong and what to do about it.</param>
    /// <param name="line">The 1-based line of the offending text, when the file is text.</param>
    /// <param name="column">The 1-based column (in UTF-16 code units, as editors count) of the offending text, when the file is text.</param>
    public FileProblem(FileProblemKind kind, string message, int? line = null, int? column = null)
    {
        Kind = kind;
        Message = message ?? throw new ArgumentNullException(nameof(message));
        Line = line;
        Column = column;
    }

    /// <summary>What is wrong.</summary>
    public FileProblemKind Kind { get; }

    /// <summary>What is wrong and what to do about it. Never contains secrets.</summary>
    public string Message { get; }

    /// <summary>The 1-based line of the offending text, or null when the location does not apply.</summary>
    public int? Line { get; }

    /// <summary>The 1-based column, in UTF-16 code units as editors count, of the offending text, or null when the location does not apply.</summary>
    public int? Column { get; }

    /// <summary>The problem as <c>(line,column): message</c>, or the message alone when there is no location.</summary>
    public override string ToString() => Line is int line
        ? string.Format(CultureInfo.InvariantCulture, "({0},{1}): {2}", line, Column ?? 1, Message)
        : Message;
}
