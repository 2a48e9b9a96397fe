using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Mapbox.Uploads.Staging;

/// <summary>The XML bodies of S3's multipart calls.</summary>
internal static class MultipartXml
{
    public static string? ReadUploadId(string body) => ReadElement(body, "InitiateMultipartUploadResult", "UploadId");

    /// <summary>S3 may answer CompleteMultipartUpload with 200 and an <c>&lt;Error&gt;</c> body.</summary>
    public static bool IsError(string body)
    {
        try
        {
            return XDocument.Parse(body).Root?.Name.LocalName == "Error";
        }
        catch (XmlException)
        {
            return false;
        }
    }

    /// <summary>Names every part with its ETag and, as S3 requires of an upload created with a checksum algorithm, its CRC-32C.</summary>
    public static HttpContent CompleteBody(IReadOnlyList<CompletedPart> parts)
    {
        var builder = new StringBuilder("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
        for (var i = 0; i < parts.Count; i++)
        {
            builder.Append("<Part><PartNumber>").Append(i + 1).Append("</PartNumber><ETag>")
                .Append(EscapeText(parts[i].ETag)).Append("</ETag><ChecksumCRC32C>")
                .Append(parts[i].Crc32C).Append("</ChecksumCRC32C></Part>");
        }

        builder.Append("</CompleteMultipartUpload>");
        return new StringContent(builder.ToString(), Encoding.UTF8, "application/xml");
    }

    // Quotes stay literal: S3 documents ETags in the body as "\"...\"" and they need no escaping in element text.
    private static string EscapeText(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string? ReadElement(string body, string rootName, string childName)
    {
        try
        {
            var root = XDocument.Parse(body).Root;
            return root?.Name.LocalName == rootName
                ? root.Elements().FirstOrDefault(e => e.Name.LocalName == childName)?.Value.Trim()
                : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
