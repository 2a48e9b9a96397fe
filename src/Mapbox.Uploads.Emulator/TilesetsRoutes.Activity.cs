using System;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mapbox.Uploads.Emulator;

internal static partial class TilesetsRoutes
{
    /// <summary>
    /// <c>GET /activity/v1/{username}/tilesets</c>: the account's tilesets with their 30-day request counts, always 0
    /// here, as the emulator serves no tiles. <c>sortby</c> requests (ties, so by id) or modified; <c>orderby</c>
    /// asc or desc; <c>limit</c> and <c>start</c> page as the other lists do.
    /// </summary>
    private static void MapActivity(IEndpointRouteBuilder app, EmulatorState state) =>
        app.MapGet("/activity/v1/{username}/tilesets", (HttpContext c, string username) => ListActivity(c, state, username))
            .AddEndpointFilter((context, next) => TokenCheck.RefuseAsync(context, next, state.Tokens))
            .WithMetadata(new RouteTag(EmulatorRoute.Tilesets, List), new TilesetsRateClass("activity", 500));

    private static IResult ListActivity(HttpContext context, EmulatorState state, string username)
    {
        var query = context.Request.Query;
        var sortBy = QueryValues.Effective(query, "sortby") ?? "requests";
        var orderBy = QueryValues.Effective(query, "orderby") ?? "desc";
        if (sortBy is not ("requests" or "modified") || orderBy is not ("asc" or "desc"))
        {
            return Message(422, TilesetsMessages.InvalidActivityOrder);
        }
        var tilesets = state.Tilesets.Tilesets(username);
        var ordered = sortBy == "modified"
            ? (orderBy == "asc" ? tilesets.OrderBy(t => t.Modified) : tilesets.OrderByDescending(t => t.Modified))
            : tilesets.OrderBy(t => t.Id, StringComparer.Ordinal);
        return Page(context, ordered.ToList(), t => t.Id, t => new { id = t.Id, request_count = 0, last_modified = Rfc3339(t.Modified) });
    }
}
