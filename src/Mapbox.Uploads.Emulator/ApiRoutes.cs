using System;
using System.Globalization;
using System.Linq;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mapbox.Uploads.Emulator;

/// <summary>The five Uploads API routes under <c>/uploads/v1/{username}</c>.</summary>
internal static class ApiRoutes
{
    private static readonly StagedObject StagedElsewhere = new(ReadOnlyMemory<byte>.Empty, string.Empty);

    public static void MapUploadsApi(this IEndpointRouteBuilder app, EmulatorState state)
    {
        var api = app.MapGroup("/uploads/v1/{username}");
        api.AddEndpointFilter((context, next) => TokenCheck.RefuseAsync(context, next, state.Tokens));

        api.MapPost("/credentials", (HttpContext context, string username) => IssueCredentials(context, state, username))
            .WithMetadata(new RouteTag(EmulatorRoute.Credentials, "uploads:write"));
        // The route was a GET until 2017, and a cached GET once handed out stale credentials.
        api.MapMethods("/credentials", ["GET", "PUT", "PATCH", "DELETE"], (HttpContext context) =>
        {
            context.Response.Headers.Allow = "POST";
            return Message(StatusCodes.Status405MethodNotAllowed, ApiMessages.MethodNotAllowed);
        }).WithMetadata(new RouteTag(EmulatorRoute.Credentials));

        api.MapPost("", (HttpContext context, string username) => CreateAsync(context, state, username))
            .WithMetadata(new RouteTag(EmulatorRoute.Create, "uploads:write"));
        api.MapGet("", (HttpContext context, string username) => List(context, state, username))
            .WithMetadata(new RouteTag(EmulatorRoute.List, "uploads:list"));
        api.MapGet("/{uploadId}", (string username, string uploadId) => Status(state, username, uploadId))
            .WithMetadata(new RouteTag(EmulatorRoute.Status, "uploads:read"));
        api.MapDelete("/{uploadId}", (string username, string uploadId) => Delete(state, username, uploadId))
            .WithMetadata(new RouteTag(EmulatorRoute.Delete, "uploads:write"));
    }

    public static IResult Message(int statusCode, string message) => Results.Json(new { message }, statusCode: statusCode);

    private static IResult IssueCredentials(HttpContext context, EmulatorState state, string username)
    {
        var issued = state.Staging.Issue(username, state.Options.StagingUrl ?? RequestBaseUrl(context.Request));
        return Results.Json(new
        {
            accessKeyId = issued.AccessKeyId,
            secretAccessKey = issued.SecretAccessKey,
            sessionToken = issued.SessionToken,
            bucket = issued.Bucket,
            key = issued.Key,
            url = issued.Url,
        });
    }

    private static async Task<IResult> CreateAsync(HttpContext context, EmulatorState state, string username)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType, "application/json", StringComparison.OrdinalIgnoreCase))
        {
            return Message(StatusCodes.Status415UnsupportedMediaType, ApiMessages.UnsupportedMediaType);
        }
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        }
        catch (JsonException)
        {
            return Message(StatusCodes.Status422UnprocessableEntity, ApiMessages.InvalidJson);
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return Message(StatusCodes.Status422UnprocessableEntity, ApiMessages.BodyNotObject);
            }
            var body = CreateUploadBody.Parse(document.RootElement, username);
            if (body.Problem is not null)
            {
                return Message(StatusCodes.Status422UnprocessableEntity, body.Problem);
            }
            ReadOnlyMemory<byte> content = default;
            if (body.IsDatasetUrl)
            {
                if (!body.NamesDatasetOf(username))
                {
                    return Message(StatusCodes.Status422UnprocessableEntity, ApiMessages.InvalidValue("url", $"it must name a dataset of {username}."));
                }
            }
            else
            {
                // Staged on another S3, the bytes are out of sight: the url only has to be one issued to this account.
                var staged = state.Options.StagingUrl is null
                    ? state.Staging.FindStagedByUrl(username, body.Url)
                    : state.Staging.IssuedTo(username, body.Url) ? StagedElsewhere : null;
                if (staged is null)
                {
                    return Message(
                        StatusCodes.Status422UnprocessableEntity,
                        ApiMessages.InvalidValue("url", "it must be the url of an object staged with credentials from this account."));
                }
                content = staged.Content;
            }
            var error = state.Processing.DecideError(body.Tileset, content.Span, hasContent: !body.IsDatasetUrl && state.Options.StagingUrl is null);
            var outcome = state.Uploads.TryCreate(username, body.Tileset, body.Name, error);
            return outcome.Upload is null
                ? Message(state.Options.BusyStatusCode, ApiMessages.Busy(body.Tileset))
                : Results.Json(UploadJson(outcome.Upload), statusCode: StatusCodes.Status201Created);
        }
    }

    private static IResult Status(EmulatorState state, string username, string uploadId)
    {
        var upload = state.Uploads.Find(username, uploadId);
        return upload is null ? Message(StatusCodes.Status404NotFound, ApiMessages.NotFound) : Results.Json(UploadJson(upload));
    }

    private static IResult List(HttpContext context, EmulatorState state, string username)
    {
        var query = context.Request.Query;
        var limit = state.Options.DefaultListLimit;
        var limitText = QueryValues.Effective(query, "limit");
        if (limitText is not null && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > ListLimits.Maximum))
        {
            return Message(StatusCodes.Status422UnprocessableEntity, ApiMessages.InvalidLimit);
        }
        var reverseText = QueryValues.Effective(query, "reverse");
        var oldestFirst = reverseText is not null && reverseText is not ("false" or "0");
        var page = state.Uploads.List(username, oldestFirst, limit, QueryValues.Effective(query, "start"));
        if (page is null)
        {
            return Message(StatusCodes.Status422UnprocessableEntity, ApiMessages.InvalidStart);
        }
        if (page.HasMore)
        {
            context.Response.Headers.Link = $"<{NextPageUrl(context.Request, page.Uploads[^1].Record.Id)}>; rel=\"next\"";
        }
        return Results.Json(page.Uploads.Select(UploadJson));
    }

    private static IResult Delete(EmulatorState state, string username, string uploadId) => state.Uploads.Delete(username, uploadId) switch
    {
        DeleteOutcome.Deleted => Results.NoContent(),
        DeleteOutcome.Incomplete => Message(StatusCodes.Status422UnprocessableEntity, ApiMessages.UploadIncomplete),
        _ => Message(StatusCodes.Status404NotFound, ApiMessages.NotFound),
    };

    /// <summary>
    /// The request's own query (access_token included, as the service's Link carries it) with each
    /// parameter once at its effective value and <c>start</c> moved to the page's last id.
    /// </summary>
    internal static string NextPageUrl(HttpRequest request, string lastId)
    {
        var url = new StringBuilder($"{RequestBaseUrl(request)}{request.Path.Value!.TrimStart('/')}");
        var separator = '?';
        foreach (var key in request.Query.Keys.Where(key => key != "start"))
        {
            var value = QueryValues.Effective(request.Query, key)!;
            url.Append(separator).Append(Uri.EscapeDataString(key));
            if (value.Length > 0)
            {
                url.Append('=').Append(Uri.EscapeDataString(value));
            }
            separator = '&';
        }
        return url.Append(separator).Append("start=").Append(Uri.EscapeDataString(lastId)).ToString();
    }

    private static Uri RequestBaseUrl(HttpRequest request) => new($"{request.Scheme}://{request.Host}/");

    private static object UploadJson(UploadView upload) => new
    {
        id = upload.Record.Id,
        tileset = upload.Record.Tileset,
        name = upload.Record.Name,
        owner = upload.Record.Owner,
        complete = upload.Complete,
        progress = upload.Progress,
        error = upload.Error,
        created = Rfc3339(upload.Record.Created),
        modified = Rfc3339(upload.Modified),
    };

    private static string Rfc3339(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
