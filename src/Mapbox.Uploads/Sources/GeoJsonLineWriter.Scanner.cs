using System;
using System.IO;

namespace Mapbox.Uploads.Sources;

internal sealed partial class GeoJsonLineWriter
{
    private int _braceDepth;
    private bool _inString;
    private bool _escaped;
    private bool _singleFeature;
    private bool _finished;
    private long _features;
    private long? _restartAt;

    /// <summary>
    /// Copies the features in the window from <paramref name="start"/> to the output, one per line, and consumes the
    /// whole window. Between features only whitespace and commas may stand; <c>]</c> (or the single feature's end) finishes.
    /// </summary>
    private int Scan(int start)
    {
        var window = Window;
        var i = start;
        while (i < window.Length && !_finished)
        {
            if (_braceDepth == 0)
            {
                i = BetweenFeatures(window, i);
                continue;
            }

            i = InFeature(window, i);
        }

        return _dataLength;
    }

    private int BetweenFeatures(Span<byte> window, int i)
    {
        var b = window[i];
        switch (b)
        {
            case (byte)'{':
                _braceDepth = 1;
                _featureStarted?.Invoke(_bufferStart + i);
                Emit(window.Slice(i, 1));
                return i + 1;
            case (byte)']' when !_singleFeature:
                _finished = true;
                return i + 1;
            case (byte)',' when !_singleFeature:
            case (byte)' ':
            case (byte)'\t':
            case (byte)'\r':
            case (byte)'\n':
                return i + 1;
            default:
                throw new InvalidDataException($"\"features\" must hold Feature objects, but byte {_bufferStart + i} is '{(char)b}'.");
        }
    }

    /// <summary>Copies feature bytes up to the end of the window or of the feature, dropping line breaks.</summary>
    private int InFeature(Span<byte> window, int i)
    {
        var copyFrom = i;
        while (i < window.Length)
        {
            if (_inString)
            {
                if (_escaped)
                {
                    _escaped = false;
                    i++;
                    continue;
                }

                var stop = window.Slice(i).IndexOfAny((byte)'"', (byte)'\\');
                if (stop < 0)
                {
                    i = window.Length;
                    break;
                }

                i += stop;
                if (window[i] == (byte)'\\')
                {
                    _escaped = true;
                }
                else
                {
                    _inString = false;
                }

                i++;
                continue;
            }

            var next = IndexOfStructure(window.Slice(i));
            if (next < 0)
            {
                i = window.Length;
                break;
            }

            i += next;
            switch (window[i])
            {
                case (byte)'"':
                    _inString = true;
                    i++;
                    break;
                case (byte)'{':
                    _braceDepth++;
                    i++;
                    break;
                case (byte)'}':
                    i++;
                    if (--_braceDepth == 0)
                    {
                        Emit(window.Slice(copyFrom, i - copyFrom));
                        EndFeature();
                        return i;
                    }

                    break;
                default:
                    // A line break between tokens: raw ones cannot stand inside JSON strings, so all go.
                    Emit(window.Slice(copyFrom, i - copyFrom));
                    i++;
                    copyFrom = i;
                    break;
            }
        }

        Emit(window.Slice(copyFrom, i - copyFrom));
        return i;
    }

    private static int IndexOfStructure(ReadOnlySpan<byte> span) =>
#if NET
        span.IndexOfAny(StructureBytes);
#else
        span.IndexOfAny(StructureBytes.AsSpan());
#endif

#if NET
    private static readonly System.Buffers.SearchValues<byte> StructureBytes = System.Buffers.SearchValues.Create("{}\"\r\n"u8);
#else
    private static readonly byte[] StructureBytes = { (byte)'{', (byte)'}', (byte)'"', (byte)'\r', (byte)'\n' };
#endif

    private void EndFeature()
    {
        _output[_outputLength++] = (byte)'\n';
        _features++;
        _finished = _singleFeature;
    }

    private void Emit(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_output.AsSpan(_outputLength));
        _outputLength += bytes.Length;
    }
}
