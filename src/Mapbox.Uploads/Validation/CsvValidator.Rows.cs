using System;
using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Mapbox.Uploads.Validation;

internal sealed partial class CsvValidator
{
    // Preference order: when a header has both "lat" and "y", "lat" wins.
    private static readonly string[] LatitudeNames = { "latitude", "lat", "y" };
    private static readonly string[] LongitudeNames = { "longitude", "lon", "lng", "long", "x" };

    private readonly System.Collections.Generic.List<string> _header = new();
    private int _latitudeColumn = -1;
    private int _longitudeColumn = -1;

    private bool AddHeaderName()
    {
        _header.Add(Encoding.UTF8.GetString(_cell, 0, _cellLength).Trim());
        return true;
    }

    private bool FindCoordinateColumns()
    {
        _latitudeColumn = FindColumn(LatitudeNames);
        _longitudeColumn = FindColumn(LongitudeNames);
        if (_latitudeColumn >= 0 && _longitudeColumn >= 0)
        {
            return true;
        }

        var separator = _header.Exists(name => name.IndexOf(';') >= 0) ? "semicolons"
            : _header.Exists(name => name.IndexOf('\t') >= 0) ? "tabs" : null;
        if (separator is not null)
        {
            return Fail(
                "The CSV header is separated by " + separator + ", but Mapbox reads only commas. Save the file with commas between fields (in Excel: Save As, CSV UTF-8 (Comma delimited)).",
                _rowLine, 1);
        }

        var missing = _latitudeColumn < 0 && _longitudeColumn < 0 ? "latitude or longitude column"
            : _latitudeColumn < 0 ? "latitude column" : "longitude column";
        return Fail(
            "The CSV header has no " + missing + ". Name the latitude column " + OneOf(LatitudeNames) +
            " and the longitude column " + OneOf(LongitudeNames) + " (any case).",
            _rowLine, 1);
    }

    private static string OneOf(string[] names) =>
        string.Join(", ", names, 0, names.Length - 1) + " or " + names[names.Length - 1];

    private int FindColumn(string[] names)
    {
        foreach (var name in names)
        {
            for (var index = 0; index < _header.Count; index++)
            {
                if (string.Equals(_header[index], name, StringComparison.OrdinalIgnoreCase))
                {
                    return index;
                }
            }
        }

        return -1;
    }

    private bool CheckCell()
    {
        if (_fieldIndex == _latitudeColumn)
        {
            return CheckCoordinate("Latitude", 90);
        }

        return _fieldIndex != _longitudeColumn || CheckCoordinate("Longitude", 180);
    }

    private bool CheckCoordinate(string axis, int limit)
    {
        var text = TrimBlanks(_cell.AsSpan(0, _cellLength));
        if (!_cellOverflow && Utf8Parser.TryParse(text, out double value, out var consumed) && consumed == text.Length &&
            value >= -limit && value <= limit)
        {
            return true;
        }

        var column = _header[_fieldIndex];
        var shown = text.IsEmpty ? "is empty" : "\"" + Shorten(Encoding.UTF8.GetString(text.ToArray())) + "\" is not a number in -" + limit + ".." + limit;
        return Fail(string.Format(CultureInfo.InvariantCulture,
            "{0} in column '{1}' {2}. Give every row WGS84 decimal degrees (e.g. 37.7749, -122.4194); reproject the data to EPSG:4326 if it uses another coordinate system.",
            axis, column, shown), _fieldLine, _fieldColumn);
    }

    private bool CheckFieldCount()
    {
        if (_fieldIndex == _header.Count)
        {
            return true;
        }

        return Fail(string.Format(CultureInfo.InvariantCulture,
            "This row has {0} field{1}, but the header has {2}. Quote values that contain commas (\"a, b\") and give every row the same columns.",
            _fieldIndex, _fieldIndex == 1 ? string.Empty : "s", _header.Count), _rowLine, 1);
    }

    private bool Fail(string message, int line, int column)
    {
        _problem = Problem(message, line, column);
        return false;
    }

    private static FileProblem Problem(string message, int line, int column) =>
        new(FileProblemKind.InvalidCsv, message, line, column);

    private static ReadOnlySpan<byte> TrimBlanks(ReadOnlySpan<byte> text)
    {
        while (!text.IsEmpty && text[0] is (byte)' ' or (byte)'\t')
        {
            text = text.Slice(1);
        }

        while (!text.IsEmpty && text[text.Length - 1] is (byte)' ' or (byte)'\t')
        {
            text = text.Slice(0, text.Length - 1);
        }

        return text;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "...";
}
