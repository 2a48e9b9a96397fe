using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;

namespace Mapbox.Uploads.Emulator;

/// <summary>S3-shaped XML answers: results in the 2006-03-01 namespace, errors without one, as S3 writes them.</summary>
internal static class S3Responses
{
    private static readonly XNamespace S3Namespace = "http://s3.amazonaws.com/doc/2006-03-01/";

    public static IResult Error(int statusCode, string code, string message, string? resource = null)
    {
        var error = new XElement(
            "Error",
            new XElement("Code", code),
            new XElement("Message", message),
            resource is null ? null : new XElement("Resource", resource),
            new XElement("RequestId", RandomText.Base64Url(16)));
        return Xml(error, statusCode);
    }

    public static IResult InitiateMultipartUpload(string bucket, string key, string uploadId) => Xml(Result(
        "InitiateMultipartUploadResult",
        ("Bucket", bucket),
        ("Key", key),
        ("UploadId", uploadId)));

    public static IResult CompleteMultipartUpload(string location, string bucket, string key, string etag) => Xml(Result(
        "CompleteMultipartUploadResult",
        ("Location", location),
        ("Bucket", bucket),
        ("Key", key),
        ("ETag", etag)));

    public static IResult ListParts(string bucket, string key, string uploadId, IEnumerable<StagedPart> parts)
    {
        var result = Result("ListPartsResult", ("Bucket", bucket), ("Key", key), ("UploadId", uploadId));
        result.Add(parts.Select(part => new XElement(
            S3Namespace + "Part",
            new XElement(S3Namespace + "PartNumber", part.PartNumber),
            new XElement(S3Namespace + "ETag", part.ETag),
            new XElement(S3Namespace + "Size", part.Content.Length))));
        return Xml(result);
    }

    private static XElement Result(string name, params (string Name, string Value)[] children) =>
        new(S3Namespace + name, children.Select(child => new XElement(S3Namespace + child.Name, child.Value)));

    private static IResult Xml(XElement root, int statusCode = StatusCodes.Status200OK)
    {
        var document = new XDocument(new XDeclaration("1.0", "UTF-8", null), root);
        return Results.Text(document.Declaration + document.ToString(SaveOptions.DisableFormatting), "application/xml", statusCode: statusCode);
    }
}
