using System;
using System.Buffers;
using System.IO;
using System.Text.Json;
using System.Threading;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// Checks line-delimited GeoJSON line by line: every line is one Feature, valid as the GeoJSON validator sees it.
/// Memory holds one line at a time (the buffer grows only to the longest line).
/// </summary>
internal static class LineDelimitedGeoJsonChecker
{
    private const int InitialBufferSize = 1024 * 1024;
    private const int LineValidatorBufferSize = 16 * 1024;

    public static FileProblem? Check(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        try
        {
            var length = 0;
            var lineNumber = 0;
            var atEnd = false;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!atEnd && length < buffer.Length)
                {
                    var read = StreamReading.ReadAtMost(stream, buffer, length, buffer.Length - length);
                    atEnd = read < buffer.Length - length;
                    length += read;
                }

                var start = 0;
                while (true)
                {
                    var newline = buffer.AsSpan(start, length - start).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        break;
                    }

                    lineNumber++;
                    if (CheckLine(buffer.AsSpan(start, newline), lineNumber, cancellationToken) is { } problem)
                    {
                        return problem;
                    }

                    start += newline + 1;
                }

                if (atEnd)
                {
                    return start < length ? CheckLine(buffer.AsSpan(start, length - start), lineNumber + 1, cancellationToken) : null;
                }

                length -= start;
                if (start == 0)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    Buffer.BlockCopy(buffer, 0, larger, 0, length);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
                else
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, length);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static FileProblem? CheckLine(ReadOnlySpan<byte> line, int lineNumber, CancellationToken cancellationToken)
    {
        if (line.Length > 0 && line[line.Length - 1] == (byte)'\r')
        {
            line = line.Slice(0, line.Length - 1);
        }

        if (IsBlank(line))
        {
            return new FileProblem(FileProblemKind.InvalidGeoJson, "The line is empty; line-delimited GeoJSON holds one Feature on every line.", lineNumber, 1);
        }

        using var lineStream = new MemoryStream(line.ToArray(), writable: false);
        if (GeoJsonValidator.Validate(lineStream, cancellationToken, LineValidatorBufferSize) is { } problem)
        {
            return new FileProblem(FileProblemKind.InvalidGeoJson, problem.Message, lineNumber, problem.Column);
        }

        return IsFeature(line) ? null : new FileProblem(
            FileProblemKind.InvalidGeoJson,
            "The line is not a Feature; line-delimited GeoJSON holds one Feature (\"type\": \"Feature\") on every line.",
            lineNumber,
            1);
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsFeature(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        reader.Read();
        while (reader.Read() && reader.CurrentDepth == 1)
        {
            if (reader.TokenType != JsonTokenType.PropertyName)
            {
                reader.Skip();
                continue;
            }

            var isType = reader.ValueTextEquals("type"u8);
            reader.Read();
            if (isType)
            {
                return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("Feature"u8);
            }

            reader.Skip();
        }

        return false;
    }
}
