using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mapbox.Uploads.Emulator;

/// <summary>The path-style S3 bucket on the API's port: PUT object and the multipart calls a stager needs.</summary>
internal static class S3Routes
{
    // Bucket-level requests (listing, bucket policy) are not part of staging, so a key is required.
    private const string ObjectPattern = "/{bucket}/{**key:minlength(1)}";
    private const int MaxPartNumber = 10000;

    public static void MapStagingBucket(this IEndpointRouteBuilder app, StagingStore staging, int minimumPartSize)
    {
        var tag = new RouteTag(EmulatorRoute.S3);
        app.MapPut(ObjectPattern, (HttpContext context, string bucket, string key) =>
            Authorized(context, staging, bucket, key, () => context.Request.Query.ContainsKey("uploadId")
                ? UploadPartAsync(context, staging, bucket, key)
                : PutObjectAsync(context, staging, bucket, key))).WithMetadata(tag);

        app.MapPost(ObjectPattern, (HttpContext context, string bucket, string key) =>
            Authorized(context, staging, bucket, key, () => context.Request.Query.ContainsKey("uploads")
                ? Task.FromResult(CreateMultipartUpload(staging, bucket, key))
                : CompleteMultipartUploadAsync(context, staging, bucket, key, minimumPartSize))).WithMetadata(tag);

        app.MapDelete(ObjectPattern, (HttpContext context, string bucket, string key) =>
            Authorized(context, staging, bucket, key, () => Task.FromResult(AbortMultipartUpload(context, staging, bucket, key)))).WithMetadata(tag);

        app.MapGet(ObjectPattern, (HttpContext context, string bucket, string key) =>
            Authorized(context, staging, bucket, key, () => Task.FromResult(context.Request.Query.ContainsKey("uploadId")
                ? ListParts(context, staging, bucket, key)
                : GetObject(staging, bucket, key)))).WithMetadata(tag);
    }

    private static Task<IResult> Authorized(HttpContext context, StagingStore staging, string bucket, string key, Func<Task<IResult>> handle)
    {
        if (bucket != staging.Bucket)
        {
            return Task.FromResult(S3Responses.Error(404, "NoSuchBucket", "The specified bucket does not exist", $"/{bucket}"));
        }
        var refusal = S3RequestAuthorization.Refuse(context.Request, staging, bucket, key);
        return refusal is null ? handle() : Task.FromResult(refusal);
    }

    private static async Task<IResult> PutObjectAsync(HttpContext context, StagingStore staging, string bucket, string key)
    {
        var content = await ReadBodyAsync(context);
        if (content is null)
        {
            return IncompleteBody();
        }
        if (S3Checksums.Refuse(context.Request, content.Value) is { } badDigest)
        {
            return badDigest;
        }
        var staged = staging.Put(bucket, key, content.Value);
        context.Response.Headers.ETag = staged.ETag;
        return Results.Ok();
    }

    private static IResult CreateMultipartUpload(StagingStore staging, string bucket, string key) =>
        S3Responses.InitiateMultipartUpload(bucket, key, staging.CreateMultipartUpload(bucket, key));

    private static async Task<IResult> UploadPartAsync(HttpContext context, StagingStore staging, string bucket, string key)
    {
        var upload = FindUpload(context, staging, bucket, key, out var uploadId);
        if (upload is null)
        {
            return NoSuchUpload(uploadId);
        }
        if (!int.TryParse(context.Request.Query["partNumber"].LastOrDefault(), out var partNumber) || partNumber is < 1 or > MaxPartNumber)
        {
            return S3Responses.Error(400, "InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive");
        }
        var content = await ReadBodyAsync(context);
        if (content is null)
        {
            return IncompleteBody();
        }
        if (S3Checksums.Refuse(context.Request, content.Value) is { } badDigest)
        {
            return badDigest;
        }
        context.Response.Headers.ETag = staging.PutPart(upload, partNumber, content.Value).ETag;
        return Results.Ok();
    }

    private static async Task<IResult> CompleteMultipartUploadAsync(
        HttpContext context, StagingStore staging, string bucket, string key, int minimumPartSize)
    {
        var upload = FindUpload(context, staging, bucket, key, out var uploadId);
        if (upload is null)
        {
            return NoSuchUpload(uploadId);
        }
        var requested = await ReadRequestedPartsAsync(context);
        if (requested is null || requested.Count == 0)
        {
            return S3Responses.Error(400, "MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema");
        }
        for (var index = 1; index < requested.Count; index++)
        {
            if (requested[index].PartNumber <= requested[index - 1].PartNumber)
            {
                return S3Responses.Error(400, "InvalidPartOrder", "The list of parts was not in ascending order. Parts must be ordered by part number.");
            }
        }
        var stored = staging.ListParts(upload).ToDictionary(part => part.PartNumber);
        var chosen = new List<StagedPart>(requested.Count);
        foreach (var (partNumber, etag) in requested)
        {
            if (!stored.TryGetValue(partNumber, out var part) || part.ETag.Trim('"') != etag.Trim('"'))
            {
                return S3Responses.Error(
                    400, "InvalidPart", "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.");
            }
            chosen.Add(part);
        }
        if (chosen.SkipLast(1).Any(part => part.Content.Length < minimumPartSize))
        {
            return S3Responses.Error(400, "EntityTooSmall", "Your proposed upload is smaller than the minimum allowed object size.");
        }
        var staged = staging.Complete(uploadId, upload, chosen);
        var location = $"{context.Request.Scheme}://{context.Request.Host}/{bucket}/{key}";
        return S3Responses.CompleteMultipartUpload(location, bucket, key, staged.ETag);
    }

    private static IResult AbortMultipartUpload(HttpContext context, StagingStore staging, string bucket, string key)
    {
        if (!context.Request.Query.ContainsKey("uploadId"))
        {
            return S3Responses.Error(405, "MethodNotAllowed", "The specified method is not allowed against this resource.");
        }
        var upload = FindUpload(context, staging, bucket, key, out var uploadId);
        return upload is not null && staging.Abort(uploadId) ? Results.NoContent() : NoSuchUpload(uploadId);
    }

    private static IResult ListParts(HttpContext context, StagingStore staging, string bucket, string key)
    {
        var upload = FindUpload(context, staging, bucket, key, out var uploadId);
        return upload is null ? NoSuchUpload(uploadId) : S3Responses.ListParts(bucket, key, uploadId, staging.ListParts(upload));
    }

    private static IResult GetObject(StagingStore staging, string bucket, string key)
    {
        var staged = staging.FindObject(bucket, key);
        return staged is null
            ? S3Responses.Error(404, "NoSuchKey", "The specified key does not exist.", $"/{bucket}/{key}")
            : Results.Bytes(staged.Content, "application/octet-stream", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(staged.ETag));
    }

    private static MultipartUpload? FindUpload(HttpContext context, StagingStore staging, string bucket, string key, out string uploadId)
    {
        uploadId = context.Request.Query["uploadId"].LastOrDefault() ?? "";
        return staging.FindMultipartUpload(bucket, key, uploadId);
    }

    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpContext context)
    {
        try
        {
            return await S3RequestBody.ReadAsync(context.Request, context.RequestAborted);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static async Task<List<(int PartNumber, string ETag)>?> ReadRequestedPartsAsync(HttpContext context)
    {
        XDocument document;
        try
        {
            document = await XDocument.LoadAsync(context.Request.Body, LoadOptions.None, context.RequestAborted);
        }
        catch (XmlException)
        {
            return null;
        }
        var parts = new List<(int, string)>();
        foreach (var part in document.Root?.Elements().Where(element => element.Name.LocalName == "Part") ?? [])
        {
            var number = part.Elements().FirstOrDefault(element => element.Name.LocalName == "PartNumber")?.Value;
            var etag = part.Elements().FirstOrDefault(element => element.Name.LocalName == "ETag")?.Value;
            if (!int.TryParse(number, out var partNumber) || etag is null)
            {
                return null;
            }
            parts.Add((partNumber, etag));
        }
        return parts;
    }

    private static IResult NoSuchUpload(string uploadId) => S3Responses.Error(
        404, "NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", uploadId);

    private static IResult IncompleteBody() =>
        S3Responses.Error(400, "IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header.");
}
