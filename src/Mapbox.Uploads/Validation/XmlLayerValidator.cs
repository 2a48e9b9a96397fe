using System;
using System.IO;
using System.Threading;
using System.Xml;

namespace Mapbox.Uploads.Validation;

/// <summary>
/// Streams KML and GPX with <see cref="XmlReader"/> (no DTDs, no external resources): well-formedness, the root
/// element, KML's layer count and GPX coordinates.
/// </summary>
internal static partial class XmlLayerValidator
{
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
}
