using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Web;
using Mapbox.Uploads.Tests.Support;

namespace Mapbox.Uploads.Tests.Staging;

/// <summary>A scripted S3 for a RecordingHandler: multipart initiate, parts with ETags, complete, abort, single PUT.</summary>
internal sealed class FakeS3
{
    public const string UploadId = "upload-7Zx.~abc";

    public ConcurrentDictionary<int, byte[]> Parts { get; } = new();

    public Func<RecordedRequest, int, HttpResponseMessage?>? Fault { get; set; }

    public RecordingHandler Handler { get; }

    public FakeS3() => Handler = new RecordingHandler(Respond);

    public static HttpResponseMessage Xml(HttpStatusCode status, string xml) =>
        new(status) { Content = new StringContent(xml, System.Text.Encoding.UTF8, "application/xml") };

    private HttpResponseMessage Respond(RecordedRequest request, int index)
    {
        if (Fault?.Invoke(request, index) is { } fault)
        {
            return fault;
        }

        var query = HttpUtility.ParseQueryString(request.Url.Query);
        if (request.Method == "POST" && request.Url.Query == "?uploads")
        {
            return Xml(HttpStatusCode.OK, $"<InitiateMultipartUploadResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Bucket>b</Bucket><Key>k</Key><UploadId>{UploadId}</UploadId></InitiateMultipartUploadResult>");
        }

        if (request.Method == "PUT" && query["partNumber"] is { } partNumber)
        {
            Parts[int.Parse(partNumber)] = request.Body!;
            var response = RecordingHandler.Status(HttpStatusCode.OK);
            response.Headers.TryAddWithoutValidation("ETag", $"\"etag-{partNumber}\"");
            return response;
        }

        if (request.Method == "POST" && query["uploadId"] is not null)
        {
            return Xml(HttpStatusCode.OK, "<CompleteMultipartUploadResult><ETag>\"x-3\"</ETag></CompleteMultipartUploadResult>");
        }

        if (request.Method == "DELETE")
        {
            return RecordingHandler.Status(HttpStatusCode.NoContent);
        }

        return RecordingHandler.Status(HttpStatusCode.OK);
    }

    public byte[] Assembled() => Parts.OrderBy(p => p.Key).SelectMany(p => p.Value).ToArray();
}
