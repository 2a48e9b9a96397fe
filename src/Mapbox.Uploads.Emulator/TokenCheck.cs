using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace Mapbox.Uploads.Emulator;

/// <summary>The API's token rules: 401 without a known token, 403 for another account's path or a missing scope.</summary>
internal static class TokenCheck
{
    public static async ValueTask<object?> RefuseAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, TokenRegistry tokens)
    {
        var http = context.HttpContext;
        var requiredScope = http.GetEndpoint()?.Metadata.GetMetadata<RouteTag>()?.RequiredScope;
        if (requiredScope is null)
        {
            return await next(context);
        }
        var token = QueryValues.Effective(http.Request.Query, "access_token");
        if (string.IsNullOrEmpty(token))
        {
            return ApiRoutes.Message(StatusCodes.Status401Unauthorized, ApiMessages.NoToken);
        }
        if (!tokens.TryGet(token, out var minted))
        {
            return ApiRoutes.Message(StatusCodes.Status401Unauthorized, ApiMessages.InvalidToken);
        }
        if (AccountInPath(http.Request) is { } account && minted.Username != account)
        {
            return ApiRoutes.Message(StatusCodes.Status403Forbidden, ApiMessages.WrongAccount);
        }
        if (!minted.Scopes.Contains(requiredScope))
        {
            return ApiRoutes.Message(StatusCodes.Status403Forbidden, ApiMessages.MissingScope(requiredScope));
        }
        return await next(context);
    }

    /// <summary>The account a path names: <c>{username}</c>, or the owner of a Tiling Service <c>{tileset}</c>; null when it names none.</summary>
    private static string? AccountInPath(HttpRequest request) =>
        request.RouteValues["username"] as string
        ?? (request.RouteValues["tileset"] is string tileset ? tileset.Split('.')[0] : null);
}
