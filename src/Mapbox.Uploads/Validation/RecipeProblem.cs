namespace Mapbox.Uploads.Validation;

/// <summary>A reason a recipe is refused locally, before any request.</summary>
public sealed class RecipeProblem
{
    internal RecipeProblem(string message, int? line = null, int? column = null)
    {
        Message = message;
        Line = line;
        Column = column;
    }

    /// <summary>What is wrong and what to do.</summary>
    public string Message { get; }

    /// <summary>The 1-based line, for a JSON syntax error.</summary>
    public int? Line { get; }

    /// <summary>The 1-based column, for a JSON syntax error.</summary>
    public int? Column { get; }

    /// <summary>The message, with the position when known.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Line is { } line ? $"({line},{Column}): {Message}" : Message;
}
