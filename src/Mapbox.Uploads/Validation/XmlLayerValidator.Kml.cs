using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Xml;

namespace Mapbox.Uploads.Validation;

internal static partial class XmlLayerValidator
{
    internal const int MaxKmlLayers = 15;

    /// <remarks>
    /// KML layers are counted as the service's KML reader (OGR) builds them: every Folder or Document element that
    /// directly holds at least one Placemark is one layer; Placemarks directly under the root make one more.
    /// Containers holding only other containers are not layers.
    /// </remarks>
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
