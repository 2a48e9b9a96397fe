using System;
using System.Buffers;
using System.IO;
using System.Threading;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// Streams a comma-separated file (RFC 4180 quoting, quoted fields may span lines) and checks that the header
/// names latitude and longitude columns and that every row has the header's field count and WGS84 numbers in
/// those columns. Only the cells it needs are kept, in a small fixed buffer.
/// </summary>
internal sealed partial class CsvValidator
{
    internal const int BufferSize = 1024 * 1024;
    private const int MaxCellBytes = 256;

    private readonly byte[] _cell = new byte[MaxCellBytes];
    private int _cellLength;
    private bool _cellOverflow;
    private bool _inQuotes;
    private bool _quoteClosedJustNow;
    private bool _fieldHasContent;
    private int _line = 1;
    private int _column = 1;
    private int _fieldLine = 1;
    private int _fieldColumn = 1;
    private int _rowLine = 1;
    private int _fieldIndex;
    private int _rowNumber;
    private FileProblem? _problem;

    public static FileProblem? Validate(Stream stream, CancellationToken cancellationToken) =>
        new CsvValidator().Run(stream, cancellationToken);

    private FileProblem? Run(Stream stream, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var first = true;
            int read;
            while ((read = StreamReading.ReadAtMost(stream, buffer, 0, BufferSize)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var start = first && read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF ? 3 : 0;
                first = false;
                if (!Consume(buffer.AsSpan(start, read - start)))
                {
                    return _problem;
                }
            }

            return Finish();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private bool Consume(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (_inQuotes)
            {
                if (b == (byte)'"')
                {
                    _inQuotes = false;
                    _quoteClosedJustNow = true;
                }
                else
                {
                    Append(b);
                }
            }
            else if (b == (byte)',')
            {
                if (!EndField())
                {
                    return false;
                }
            }
            else if (b == (byte)'\n')
            {
                if (!EndRow())
                {
                    return false;
                }
            }
            else if (b == (byte)'"' && _quoteClosedJustNow)
            {
                // "" inside a quoted field is one literal quote.
                _inQuotes = true;
                _quoteClosedJustNow = false;
                Append(b);
            }
            else if (b == (byte)'"' && !_fieldHasContent)
            {
                _inQuotes = true;
                _fieldHasContent = true;
            }
            else if (b != (byte)'\r')
            {
                _quoteClosedJustNow = false;
                Append(b);
            }

            Move(b);
        }

        return true;
    }

    private void Move(byte b)
    {
        if (b == (byte)'\n')
        {
            _line++;
            _column = 1;
            if (!_inQuotes)
            {
                _fieldLine = _line;
                _fieldColumn = 1;
                _rowLine = _line;
            }
        }
        else if ((b & 0xC0) != 0x80)
        {
            // Columns count UTF-16 code units, as editors do: a 4-byte UTF-8 character is a surrogate pair.
            _column += b >= 0xF0 ? 2 : 1;
            if (b == (byte)',' && !_inQuotes)
            {
                _fieldLine = _line;
                _fieldColumn = _column;
            }
        }
    }

    private void Append(byte b)
    {
        if (b != (byte)' ' && b != (byte)'\t')
        {
            _fieldHasContent = true;
        }

        if (!IsKeptColumn(_fieldIndex))
        {
            return;
        }

        if (_cellLength < MaxCellBytes)
        {
            _cell[_cellLength++] = b;
        }
        else
        {
            _cellOverflow = true;
        }
    }

    private bool IsKeptColumn(int index) => _rowNumber == 0 || index == _latitudeColumn || index == _longitudeColumn;

    private bool EndField()
    {
        var ok = _rowNumber == 0 ? AddHeaderName() : CheckCell();
        _fieldIndex++;
        _cellLength = 0;
        _cellOverflow = false;
        _fieldHasContent = false;
        _quoteClosedJustNow = false;
        return ok;
    }

    private bool EndRow()
    {
        if (_fieldIndex == 0 && !_fieldHasContent && _cellLength == 0)
        {
            ResetRow();
            return true;
        }

        if (!EndField())
        {
            return false;
        }

        var ok = _rowNumber == 0 ? FindCoordinateColumns() : CheckFieldCount();
        _rowNumber++;
        ResetRow();
        return ok;
    }

    private void ResetRow()
    {
        _fieldIndex = 0;
        _cellLength = 0;
        _cellOverflow = false;
        _fieldHasContent = false;
        _quoteClosedJustNow = false;
    }

    private FileProblem? Finish()
    {
        if (_inQuotes)
        {
            return Problem("A quoted field opened here is never closed. Add the closing quote (write a quote inside a quoted field as \"\").", _fieldLine, _fieldColumn);
        }

        if ((_fieldIndex > 0 || _fieldHasContent || _cellLength > 0) && !EndRow())
        {
            return _problem;
        }

        if (_rowNumber == 0)
        {
            return Problem("The CSV has no header row. Add a first row naming the columns, including latitude and longitude.", 1, 1);
        }

        return _rowNumber == 1
            ? Problem("The CSV has a header but no rows of data. Add at least one row.", _line, 1)
            : null;
    }

}
