using System;
using System.Text.Json;

namespace Mapbox.Uploads.Validation;

internal sealed partial class GeoJsonValidator
{
    private FileProblem? _problem;

    private bool Fail(ref Utf8JsonReader reader, string message)
    {
        var offset = TokenOffset(ref reader);
        ResolveMarksBefore(offset);
        _tracker.AdvanceTo(Window, _bufferStart, offset);
        return FailAt(new Location(_tracker.Line, _tracker.Column), message);
    }

    private bool FailAt(Location at, string message)
    {
        _problem = new FileProblem(FileProblemKind.InvalidGeoJson, message, at.Line, at.Column);
        return false;
    }

    private FileProblem SyntaxProblem(JsonException exception)
    {
        ResolveMarksBefore(long.MaxValue);
        var line = (int)Math.Min(int.MaxValue - 1, exception.LineNumber ?? 0) + 1;
        _tracker.AdvanceToLine(Window, _bufferStart, line, exception.BytePositionInLine ?? 0);
        var detail = exception.Message;
        var position = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (position >= 0)
        {
            detail = detail.Substring(0, position);
        }

        return new FileProblem(FileProblemKind.InvalidGeoJson, JsonSyntaxWording.Describe(detail), _tracker.Line, _tracker.Column);
    }

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "unexpected JSON",
    };

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text.Substring(1);

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "...";
}
