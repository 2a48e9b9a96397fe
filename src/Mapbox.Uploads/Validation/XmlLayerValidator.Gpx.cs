using System.Globalization;
using System.Threading;
using System.Xml;

namespace Mapbox.Uploads.Validation;

internal static partial class XmlLayerValidator
{
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
}
