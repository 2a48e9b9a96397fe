using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Xml;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// Streams KML and GPX with <see cref="XmlReader"/> (no DTDs, no external resources): well-formedness, the root
/// element, KML's layer count and GPX coordinates.
/// </summary>
/// <remarks>
/// KML layers are counted as the service's KML reader (OGR) builds them: every Folder or Document element that
/// directly holds at least one Placemark is one layer; Placemarks directly under the root make one more.
/// Containers holding only other containers are not layers.
/// </remarks>
internal static class XmlLayerValidator
{
    internal const int MaxKmlLayers = 15;
    private const int CancellationCheckInterval = 4096;

    public static FileProblem? ValidateKml(Stream stream, CancellationToken cancellationToken) =>
        Run(stream, FileProblemKind.InvalidKml, reader => ValidateKml(reader, cancellationToken));

    public static FileProblem? ValidateGpx(Stream stream, CancellationToken cancellationToken) =>
        Run(stream, FileProblemKind.InvalidGpx, reader => ValidateGpx(reader, cancellationToken));

    private static FileProblem? Run(Stream stream, FileProblemKind kind, Func<XmlReader, FileProblem?> validate)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreWhitespace = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        };
        using var reader = XmlReader.Create(stream, settings);
        try
        {
            return validate(reader);
        }
        catch (XmlException exception) when (exception.LineNumber == 0 && FindDoctype(stream) is (int Line, int Column) doctype)
        {
            // The reader refuses a DTD without saying where it is; the prolog is short enough to find it again.
            return new FileProblem(kind,
                "The file declares a DTD (<!DOCTYPE ...>), which is refused because it can pull in other files. Remove the DOCTYPE declaration; KML and GPX need none.",
                doctype.Line, doctype.Column);
        }
        catch (XmlException exception)
        {
            return new FileProblem(kind,
                "The file is not well-formed XML: " + exception.Message + " Fix the markup or export the file again.",
                Positive(exception.LineNumber), Positive(exception.LinePosition));
        }
    }

    private static FileProblem? ValidateKml(XmlReader reader, CancellationToken cancellationToken)
    {
        var lineInfo = (IXmlLineInfo)reader;
        if (!MoveToRoot(reader) || reader.LocalName != "kml")
        {
            return WrongRoot(reader, lineInfo, FileProblemKind.InvalidKml, "kml");
        }

        var containers = new Stack<LayerCandidate>();
        var rootHoldsPlacemarks = false;
        var layers = 0;
        (int Line, int Column) firstExcessLayer = default;
        var nodes = 0;
        while (reader.Read())
        {
            if (++nodes % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (reader.NodeType == XmlNodeType.EndElement)
            {
                if (containers.Count > 0 && containers.Peek().Depth == reader.Depth)
                {
                    containers.Pop();
                }

                continue;
            }

            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            var name = reader.LocalName;
            if ((name == "Folder" || name == "Document") && !reader.IsEmptyElement)
            {
                containers.Push(new LayerCandidate(reader.Depth, ElementLine(lineInfo), ElementColumn(lineInfo)));
            }
            else if (name == "Placemark")
            {
                var isNewLayer = false;
                var location = (ElementLine(lineInfo), ElementColumn(lineInfo));
                if (containers.Count > 0)
                {
                    var container = containers.Pop();
                    isNewLayer = !container.HoldsPlacemarks;
                    location = (container.Line, container.Column);
                    containers.Push(container.WithPlacemarks());
                }
                else if (!rootHoldsPlacemarks)
                {
                    rootHoldsPlacemarks = true;
                    isNewLayer = true;
                }

                if (isNewLayer && ++layers == MaxKmlLayers + 1)
                {
                    firstExcessLayer = location;
                }
            }
        }

        if (layers == 0)
        {
            return new FileProblem(FileProblemKind.InvalidKml,
                "KML does not contain any layers. Add Placemarks inside a Document or Folder; each Folder that holds Placemarks becomes one layer.");
        }

        if (layers > MaxKmlLayers)
        {
            return new FileProblem(FileProblemKind.InvalidKml,
                string.Format(CultureInfo.InvariantCulture,
                    "{0} layers found. Maximum of {1} layers allowed. Each Folder or Document that holds Placemarks is a layer; merge them into at most {1}, or split the file. This is the first layer past the limit.",
                    layers, MaxKmlLayers),
                firstExcessLayer.Line, firstExcessLayer.Column);
        }

        return null;
    }

    private static FileProblem? ValidateGpx(XmlReader reader, CancellationToken cancellationToken)
    {
        var lineInfo = (IXmlLineInfo)reader;
        if (!MoveToRoot(reader) || reader.LocalName != "gpx")
        {
            return WrongRoot(reader, lineInfo, FileProblemKind.InvalidGpx, "gpx");
        }

        var points = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            var name = reader.LocalName;
            if (name != "wpt" && name != "trkpt" && name != "rtept")
            {
                continue;
            }

            if (++points % CancellationCheckInterval == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var problem = CheckGpxCoordinate(reader, lineInfo, name, "lat", 90) ?? CheckGpxCoordinate(reader, lineInfo, name, "lon", 180);
            if (problem is not null)
            {
                return problem;
            }
        }

        return points > 0
            ? null
            : new FileProblem(FileProblemKind.InvalidGpx,
                "The GPX holds no waypoints, routes or tracks (no wpt, rtept or trkpt). Export it again with the data included.");
    }

    private static FileProblem? CheckGpxCoordinate(XmlReader reader, IXmlLineInfo lineInfo, string element, string attribute, double limit)
    {
        var text = reader.GetAttribute(attribute);
        if (text is not null &&
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) &&
            value >= -limit && value <= limit)
        {
            return null;
        }

        var what = text is null ? "has no " + attribute + " attribute" : "has " + attribute + "=\"" + Shorten(text) + "\"";
        return new FileProblem(FileProblemKind.InvalidGpx,
            string.Format(CultureInfo.InvariantCulture,
                "This <{0}> {1}; GPX points need lat in -90..90 and lon in -180..180 as decimal degrees (WGS84). Fix the point or export the GPX again.",
                element, what),
            ElementLine(lineInfo), ElementColumn(lineInfo));
    }

    private static (int Line, int Column)? FindDoctype(Stream stream)
    {
        var prolog = new byte[64 * 1024];
        stream.Position = 0;
        var length = StreamReading.ReadAtMost(stream, prolog, 0, prolog.Length);
        var at = prolog.AsSpan(0, length).IndexOf("<!DOCTYPE"u8);
        if (at < 0)
        {
            return null;
        }

        var tracker = new TextPositionTracker(0);
        tracker.Advance(prolog.AsSpan(0, at));
        return (tracker.Line, tracker.Column);
    }

    private static bool MoveToRoot(XmlReader reader)
    {
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                return true;
            }
        }

        return false;
    }

    private static FileProblem WrongRoot(XmlReader reader, IXmlLineInfo lineInfo, FileProblemKind kind, string expected)
    {
        if (reader.NodeType != XmlNodeType.Element)
        {
            return new FileProblem(kind, "The file holds no XML element. Export the " + expected.ToUpperInvariant() + " again.");
        }

        return new FileProblem(kind,
            "The root element is <" + Shorten(reader.Name) + ">, but a " + expected.ToUpperInvariant() + " file's root must be <" + expected + ">. Check that this is the right file, or export it again.",
            ElementLine(lineInfo), ElementColumn(lineInfo));
    }

    private static int? Positive(int value) => value > 0 ? value : null;

    private static int ElementLine(IXmlLineInfo lineInfo) => lineInfo.LineNumber;

    // XmlReader positions an element at its name; users expect the column of its '<'.
    private static int ElementColumn(IXmlLineInfo lineInfo) => Math.Max(1, lineInfo.LinePosition - 1);

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "...";

    private readonly struct LayerCandidate
    {
        public LayerCandidate(int depth, int line, int column, bool holdsPlacemarks = false)
        {
            Depth = depth;
            Line = line;
            Column = column;
            HoldsPlacemarks = holdsPlacemarks;
        }

        public int Depth { get; }

        public int Line { get; }

        public int Column { get; }

        public bool HoldsPlacemarks { get; }

        public LayerCandidate WithPlacemarks() => new(Depth, Line, Column, true);
    }
}
