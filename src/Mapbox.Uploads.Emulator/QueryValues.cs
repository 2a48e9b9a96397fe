using System.Linq;
using Microsoft.AspNetCore.Http;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// Repeated query parameters are accepted and the last one wins: a client that appends its own value to
/// a Link URL (as the JS SDK appends access_token and reverse) gets its own value.
/// </summary>
internal static class QueryValues
{
    public static string? Effective(IQueryCollection query, string key) =>
        query.TryGetValue(key, out var values) && values.Count > 0 ? values.Last() ?? "" : null;
}
