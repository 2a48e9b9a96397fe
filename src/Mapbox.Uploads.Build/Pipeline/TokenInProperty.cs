using System;
using System.Collections.Generic;
using System.Linq;
using Mapbox.Uploads.Tokens;
using Microsoft.Build.Framework;

namespace Mapbox.Uploads.Build;

/// <summary>
/// Warns when a property of the package holds something shaped like a Mapbox token: binary logs and -v:diag record
/// every property, so the token has leaked to whoever reads them. The value is never echoed.
/// </summary>
internal static class TokenInProperty
{
    /// <summary>Every knob of the package starts with this, as do properties users invent for it.</summary>
    public const string Prefix = "Mapbox";

    /// <param name="properties">The package's properties passed by the targets (item = name, <c>Value</c> metadata).</param>
    /// <param name="globalProperties">The build's global properties (-p: switches), of which those with the prefix are checked.</param>
    /// <param name="log">Where the warning goes.</param>
    public static void Warn(IEnumerable<ITaskItem> properties, IReadOnlyDictionary<string, string> globalProperties, BuildLog log)
    {
        var named = properties.Select(item => (Name: item.ItemSpec, Value: item.GetMetadata("Value")))
            .Concat(globalProperties
                .Where(pair => pair.Key.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
                .Select(pair => (Name: pair.Key, Value: pair.Value)));
        foreach (var name in named.Where(pair => TokenShape.IsIn(pair.Value)).Select(pair => pair.Name).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            log.Warning(ErrorCodes.TokenInProperty, $"The property {name} holds what looks like a Mapbox access token (not shown)");
        }
    }
}
