using System;
using System.Buffers;
using System.IO;
using System.Text.Json;
using System.Threading;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// Streams a GeoJSON file through <see cref="Utf8JsonReader"/> over one pooled buffer and checks its structure
/// (FeatureCollection, Feature or geometry at the root), geometry shapes and WGS84 coordinate ranges, stopping at
/// the first problem. Memory stays bounded by the buffer, which grows only to hold the largest single token.
/// </summary>
/// <remarks>
/// JSON does not order members, so "coordinates" may come before "type": the shape of such coordinates is
/// summarized while streaming and judged when the object closes. Locations are kept only for the open objects
/// and coordinate arrays, and turned into line and column before their bytes leave the buffer.
/// </remarks>
internal sealed partial class GeoJsonValidator
{
    internal const int DefaultBufferSize = 1024 * 1024;
    private const int MaxDepth = 256;

    private byte[] _buffer;
    private long _geometryCount;
    private long _featureCount;
    private GeoJsonType _rootType;
    private int _dataLength;
    private long _bufferStart;

    private GeoJsonValidator(int bufferSize)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    private ReadOnlySpan<byte> Window => _buffer.AsSpan(0, _dataLength);

    public static FileProblem? Validate(Stream stream, CancellationToken cancellationToken, int bufferSize = DefaultBufferSize) =>
        Validate(stream, cancellationToken, out _, bufferSize);

    /// <summary>Validates, and says what the file holds: its root's type, its features and its geometries (0: it would empty a tileset).</summary>
    public static FileProblem? Validate(Stream stream, CancellationToken cancellationToken, out GeoJsonContent content, int bufferSize = DefaultBufferSize)
    {
        var validator = new GeoJsonValidator(bufferSize);
        try
        {
            var problem = validator.Run(stream, cancellationToken);
            content = new GeoJsonContent(validator._rootType, validator._featureCount, validator._geometryCount);
            return problem;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(validator._buffer);
        }
    }

    private FileProblem? Run(Stream stream, CancellationToken cancellationToken)
    {
        var state = new JsonReaderState(new JsonReaderOptions { MaxDepth = MaxDepth });
        var isFinalBlock = false;
        var first = true;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            isFinalBlock = Fill(stream);
            if (first)
            {
                first = false;
                SkipUtf8Bom();
            }

            var reader = new Utf8JsonReader(Window, isFinalBlock, state);
            try
            {
                Walk(ref reader);
            }
            catch (JsonException exception)
            {
                return SyntaxProblem(exception);
            }

            if (_problem is not null || isFinalBlock)
            {
                return _problem;
            }

            state = reader.CurrentState;
            Discard((int)reader.BytesConsumed);
        }
    }

    private bool Fill(Stream stream)
    {
        while (_dataLength < _buffer.Length)
        {
            var read = stream.Read(_buffer, _dataLength, _buffer.Length - _dataLength);
            if (read == 0)
            {
                return true;
            }

            _dataLength += read;
        }

        return false;
    }

    private void SkipUtf8Bom()
    {
        if (_dataLength >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
        {
            Discard(3);
            _tracker = new TextPositionTracker(_bufferStart);
        }
    }

    private void Discard(int consumed)
    {
        var consumedEnd = _bufferStart + consumed;
        ResolveMarksBefore(consumedEnd);
        _tracker.AdvanceTo(Window, _bufferStart, consumedEnd);

        var leftover = _dataLength - consumed;
        if (leftover == _buffer.Length)
        {
            // One token fills the whole buffer: grow so the reader can see it end.
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, leftover);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else if (consumed > 0)
        {
            Buffer.BlockCopy(_buffer, consumed, _buffer, 0, leftover);
        }

        _bufferStart = consumedEnd;
        _dataLength = leftover;
    }

    private void Walk(ref Utf8JsonReader reader)
    {
        while (reader.Read())
        {
            bool ok;
            if (_coordinateDepth > 0)
            {
                ok = OnCoordinateToken(ref reader);
            }
            else if (_skipping)
            {
                if ((reader.TokenType == JsonTokenType.EndObject || reader.TokenType == JsonTokenType.EndArray) && reader.CurrentDepth == _skipDepth)
                {
                    _skipping = false;
                }

                ok = true;
            }
            else
            {
                ok = OnStructureToken(ref reader);
            }

            if (!ok)
            {
                return;
            }
        }
    }
}
