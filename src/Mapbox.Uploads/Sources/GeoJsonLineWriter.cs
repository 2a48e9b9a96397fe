using System;
using System.Buffers;
using System.IO;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Mapbox.Uploads.Sources;

/// <summary>
/// Streams a GeoJSON FeatureCollection or Feature file out as line-delimited GeoJSON: one Feature per line, each
/// followed by <c>\n</c>, with no other change than dropping line breaks between tokens. Memory is two pooled buffers,
/// whatever the size of the file or of one feature.
/// </summary>
/// <remarks>
/// <see cref="Utf8JsonReader"/> reads the root object's members up to the <c>features</c> array (or learns that the
/// root is a Feature); from there a byte scanner finds each feature's end by counting braces outside strings, which
/// is many times faster than reading every coordinate as a token. The scanner trusts the JSON to be well formed: the
/// local checks (<see cref="Validation.TilesetSourceValidator"/>) run the GeoJSON validator over the file first.
/// </remarks>
internal sealed partial class GeoJsonLineWriter
{
    internal const int DefaultBufferSize = 1024 * 1024;

    private byte[] _buffer;
    private byte[] _output;
    private int _dataLength;
    private long _bufferStart;
    private int _outputLength;
    private JsonReaderState _readerState = new(new JsonReaderOptions { MaxDepth = 256 });
    private bool _readingMembers = true;
    private Member _pending;
    private string? _rootType;
    private long _rootStart = -1;

    private readonly Action<long>? _featureStarted;

    private GeoJsonLineWriter(int bufferSize, Action<long>? featureStarted)
    {
        _featureStarted = featureStarted;
        _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
        _output = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
    }

    private Span<byte> Window => _buffer.AsSpan(0, _dataLength);

    /// <summary>Why a GeoJSON whose root is <paramref name="rootType"/> (not a Feature or FeatureCollection) cannot be a tileset source.</summary>
    internal static string NotAFeatureRoot(string rootType) => $"The GeoJSON root is a {rootType}; a tileset source needs a FeatureCollection or a Feature.";

    /// <summary>Writes the features of <paramref name="input"/> to <paramref name="output"/>, one per line.</summary>
    /// <param name="input">The GeoJSON.</param>
    /// <param name="output">Receives the lines.</param>
    /// <param name="cancellationToken">Stops the copy.</param>
    /// <param name="bufferSize">The read window.</param>
    /// <param name="featureStarted">Told the input offset of each feature's <c>{</c>, before that feature's line is written.</param>
    /// <returns>The number of features written.</returns>
    /// <exception cref="InvalidDataException">The root is not a FeatureCollection or a Feature, or the JSON ends early.</exception>
    public static async Task<long> WriteAsync(Stream input, Stream output, CancellationToken cancellationToken, int bufferSize = DefaultBufferSize, Action<long>? featureStarted = null)
    {
        var writer = new GeoJsonLineWriter(bufferSize, featureStarted);
        try
        {
            return await writer.RunAsync(input, output, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(writer._buffer);
            ArrayPool<byte>.Shared.Return(writer._output);
        }
    }

    private async Task<long> RunAsync(Stream input, Stream output, CancellationToken cancellationToken)
    {
        var first = true;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var isFinalBlock = await FillAsync(input, cancellationToken).ConfigureAwait(false);
            if (first)
            {
                first = false;
                SkipUtf8Bom();
            }

            var consumed = _readingMembers ? ReadMembers(isFinalBlock) : Scan(0);
            if (_restartAt is { } restart)
            {
                Restart(input, restart);
                continue;
            }

            if (_outputLength > 0)
            {
                await output.WriteAsync(_output, 0, _outputLength, cancellationToken).ConfigureAwait(false);
                _outputLength = 0;
            }

            if (_finished)
            {
                return _features;
            }

            if (isFinalBlock)
            {
                throw new InvalidDataException(_readingMembers && _rootType is not null && !IsFeatureRoot(_rootType)
                    ? NotAFeatureRoot(_rootType)
                    : "The GeoJSON ends before its features do.");
            }

            Discard(consumed);
        }
    }

    private async Task<bool> FillAsync(Stream stream, CancellationToken cancellationToken)
    {
        while (_dataLength < _buffer.Length)
        {
            var read = await stream.ReadAsync(_buffer, _dataLength, _buffer.Length - _dataLength, cancellationToken).ConfigureAwait(false);
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
        }
    }

    private void Discard(int consumed)
    {
        var leftover = _dataLength - consumed;
        if (leftover == _buffer.Length)
        {
            // One member name or value token fills the whole buffer: grow so the reader can see it end.
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            Buffer.BlockCopy(_buffer, 0, larger, 0, leftover);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;

            // A window's output is its bytes plus one line break per feature ending in it: never twice its size.
            ArrayPool<byte>.Shared.Return(_output);
            _output = ArrayPool<byte>.Shared.Rent(larger.Length * 2);
        }
        else if (consumed > 0)
        {
            Buffer.BlockCopy(_buffer, consumed, _buffer, 0, leftover);
        }

        _bufferStart += consumed;
        _dataLength = leftover;
    }

    /// <summary>The root was a Feature whose start has left the buffer: read it again from the start.</summary>
    private void Restart(Stream input, long rootStart)
    {
        if (!input.CanSeek)
        {
            throw new InvalidDataException("The root Feature names its \"type\" after more data than fits in memory and the stream cannot be read again.");
        }

        input.Position = rootStart;
        _bufferStart = rootStart;
        _dataLength = 0;
        _restartAt = null;
        _readingMembers = false;
        _singleFeature = true;
    }

    private enum Member : byte
    {
        Other,
        Type,
        Features,
    }

    private static bool IsFeatureRoot(string type) => type is "Feature" or "FeatureCollection";

    /// <summary>Reads the root object's members until the features are found; returns the bytes consumed.</summary>
    private int ReadMembers(bool isFinalBlock)
    {
        var reader = new Utf8JsonReader(Window, isFinalBlock, _readerState);
        while (reader.Read())
        {
            if (_rootStart < 0)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw new InvalidDataException("The root of a GeoJSON file must be an object: a FeatureCollection or a Feature.");
                }

                _rootStart = _bufferStart + reader.TokenStartIndex;
                continue;
            }

            if (reader.CurrentDepth != 1)
            {
                continue;
            }

            var member = _pending;
            _pending = Member.Other;
            if (reader.TokenType == JsonTokenType.PropertyName)
            {
                _pending = reader.ValueTextEquals("features"u8) ? Member.Features : reader.ValueTextEquals("type"u8) ? Member.Type : Member.Other;
            }
            else if (member == Member.Type && reader.TokenType == JsonTokenType.String)
            {
                _rootType = reader.GetString();
                if (_rootType == "Feature")
                {
                    return StartSingleFeature();
                }
            }
            else if (member == Member.Features && reader.TokenType == JsonTokenType.StartArray)
            {
                _readingMembers = false;
                return Scan((int)reader.BytesConsumed);
            }
        }

        _readerState = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    private int StartSingleFeature()
    {
        if (_rootStart < _bufferStart)
        {
            _restartAt = _rootStart;
            return 0;
        }

        _readingMembers = false;
        _singleFeature = true;
        return Scan((int)(_rootStart - _bufferStart));
    }
}
