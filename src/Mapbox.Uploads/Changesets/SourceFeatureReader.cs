using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Mapbox.Uploads.Sources;

namespace Mapbox.Uploads.Changesets;

/// <summary>One feature as sent: its line (no line break), the JSON token of its id, and the file offset of its <c>{</c>.</summary>
internal delegate void FeatureVisitor(ReadOnlySpan<byte> line, ReadOnlySpan<byte> rawId, long offset);

/// <summary>A feature problem found at a file offset, placed on a line and column once the read is over.</summary>
internal readonly struct OffsetProblem
{
    public OffsetProblem(FeatureProblemKind kind, long offset, string message, long otherOffset = -1)
    {
        Kind = kind;
        Offset = offset;
        Message = message;
        OtherOffset = otherOffset;
    }

    public FeatureProblemKind Kind { get; }

    public long Offset { get; }

    /// <summary>What is wrong; <c>{other}</c> stands for the place of <see cref="OtherOffset"/>.</summary>
    public string Message { get; }

    /// <summary>The other feature of a duplicate, or -1.</summary>
    public long OtherOffset { get; }
}

/// <summary>
/// Streams the features of a tileset source file as the lines the service receives: a line-delimited file's lines as
/// written, a GeoJSON file's features as <see cref="GeoJsonLineWriter"/> converts them. Only each feature's top-level
/// members are read (its <c>id</c> and whether it has <c>delete</c>); memory holds one feature at a time.
/// </summary>
internal sealed class SourceFeatureReader : Stream
{
    private const int ChunkSize = 1024 * 1024;

    private readonly FeatureVisitor _visit;
    private readonly Queue<long>? _starts;
    private byte[] _line = ArrayPool<byte>.Shared.Rent(ChunkSize);
    private int _lineLength;
    private long _consumed;
    private OffsetProblem? _problem;

    private SourceFeatureReader(FeatureVisitor visit, bool convert)
    {
        _visit = visit;
        _starts = convert ? new Queue<long>() : null;
    }

    /// <summary>Reads every feature of <paramref name="path"/>; returns the first problem, or null.</summary>
    public static OffsetProblem? Read(string path, FeatureVisitor visit, CancellationToken cancellationToken)
    {
        var format = SourceFileFormats.Of(path);
        if (format is null || !File.Exists(path))
        {
            return new OffsetProblem(FeatureProblemKind.NotAFeature, 0, format is null ? SourceFileFormats.UnsupportedMessage(path) : "No file exists at this path.");
        }

        var convert = format == SourceFileFormat.GeoJson;
        using var reader = new SourceFeatureReader(visit, convert);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        try
        {
            if (convert)
            {
                GeoJsonLineWriter.WriteAsync(file, reader, cancellationToken, featureStarted: reader._starts!.Enqueue).GetAwaiter().GetResult();
            }
            else
            {
                reader.CopyLines(file, cancellationToken);
            }

            reader.EndLine();
        }
        catch (StopReading)
        {
        }
        catch (InvalidDataException e)
        {
            return new OffsetProblem(FeatureProblemKind.NotAFeature, 0, e.Message);
        }

        return reader._problem;
    }

    /// <summary>Places problems found at file offsets on their lines and columns, in one read of the file up to the last.</summary>
    public static FeatureProblem Place(string path, OffsetProblem problem)
    {
        if (problem.Offset == 0 && problem.OtherOffset <= 0)
        {
            return new FeatureProblem(problem.Kind, problem.Message, 1, 1);
        }

        var offsets = problem.OtherOffset >= 0 ? new[] { problem.OtherOffset, problem.Offset } : new[] { problem.Offset };
        Array.Sort(offsets);
        var places = new Dictionary<long, (int Line, int Column)>();
        var tracker = new Validation.TextPositionTracker(0);
        var buffer = new byte[ChunkSize];
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        {
            long windowStart = 0;
            var next = 0;
            int read;
            while (next < offsets.Length && (read = Validation.StreamReading.ReadAtMost(file, buffer, 0, buffer.Length)) > 0)
            {
                while (next < offsets.Length && offsets[next] < windowStart + read)
                {
                    tracker.AdvanceTo(buffer.AsSpan(0, read), windowStart, offsets[next]);
                    places[offsets[next++]] = (tracker.Line, tracker.Column);
                }

                tracker.AdvanceTo(buffer.AsSpan(0, read), windowStart, windowStart + read);
                windowStart += read;
            }
        }

        var (line, column) = places.TryGetValue(problem.Offset, out var place) ? place : (1, 1);
        var message = problem.OtherOffset >= 0 && places.TryGetValue(problem.OtherOffset, out var other)
            ? problem.Message.Replace("{other}", $"line {other.Line}, column {other.Column}")
            : problem.Message;
        return new FeatureProblem(problem.Kind, message, line, column);
    }

    private void CopyLines(Stream file, CancellationToken cancellationToken)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            int read;
            while ((read = file.Read(chunk, 0, ChunkSize)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count)
    {
        var span = buffer.AsSpan(offset, count);
        while (span.Length > 0)
        {
            var newline = span.IndexOf((byte)'\n');
            var part = newline < 0 ? span : span.Slice(0, newline);
            Append(part);
            if (newline < 0)
            {
                return;
            }

            EndLine();
            _consumed++;
            span = span.Slice(newline + 1);
        }
    }

    /// <inheritdoc />
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    private void Append(ReadOnlySpan<byte> part)
    {
        if (_lineLength + part.Length > _line.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_line.Length * 2, _lineLength + part.Length));
            Buffer.BlockCopy(_line, 0, larger, 0, _lineLength);
            ArrayPool<byte>.Shared.Return(_line);
            _line = larger;
        }

        part.CopyTo(_line.AsSpan(_lineLength));
        _lineLength += part.Length;
        _consumed += part.Length;
    }

    private void EndLine()
    {
        var lineStart = _consumed - _lineLength;
        var line = _line.AsSpan(0, _lineLength > 0 && _line[_lineLength - 1] == (byte)'\r' ? _lineLength - 1 : _lineLength);
        _lineLength = 0;
        if (IsBlank(line))
        {
            return;
        }

        var offset = _starts?.Dequeue() ?? lineStart + LeadingBlanks(line);
        if (ReadMembers(line, offset, out var idStart, out var idLength) is { } problem)
        {
            _problem = problem;
            throw new StopReading();
        }

        _visit(line, line.Slice(idStart, idLength), offset);
    }

    private static OffsetProblem? ReadMembers(ReadOnlySpan<byte> line, long offset, out int idStart, out int idLength)
    {
        idStart = idLength = 0;
        var hasId = false;
        try
        {
            var reader = new Utf8JsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return new OffsetProblem(FeatureProblemKind.NotAFeature, offset, "The line is not a GeoJSON Feature object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isId = reader.ValueTextEquals("id"u8);
                if (reader.ValueTextEquals("delete"u8))
                {
                    return new OffsetProblem(FeatureProblemKind.DeleteMember, offset,
                        "The feature has a top-level \"delete\" member, which in a changeset marks a deletion.");
                }

                reader.Read();
                if (isId)
                {
                    if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number))
                    {
                        return new OffsetProblem(FeatureProblemKind.InvalidId, offset,
                            $"The feature's \"id\" is {Describe(reader.TokenType)}, not a string or a number (RFC 7946 section 3.2).");
                    }

                    hasId = true;
                    idStart = (int)reader.TokenStartIndex;
                    idLength = (int)reader.BytesConsumed - idStart;
                }

                reader.Skip();
            }
        }
        catch (JsonException e)
        {
            return new OffsetProblem(FeatureProblemKind.NotAFeature, offset, $"The feature is not valid JSON: {e.Message}");
        }

        return hasId ? null : new OffsetProblem(FeatureProblemKind.MissingId, offset,
            "The feature has no \"id\".");
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => LeadingBlanks(line) == line.Length;

    private static int LeadingBlanks(ReadOnlySpan<byte> line)
    {
        var i = 0;
        while (i < line.Length && line[i] is (byte)' ' or (byte)'\t')
        {
            i++;
        }

        return i;
    }

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.Null => "null",
        _ => "a boolean",
    };

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && _line.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_line);
            _line = Array.Empty<byte>();
        }

        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override bool CanRead => false;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => true;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => _consumed; set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override void Flush()
    {
    }

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    private sealed class StopReading : Exception
    {
    }
}
