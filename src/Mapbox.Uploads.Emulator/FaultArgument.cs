using System;
using System.Collections.Generic;
using System.Linq;

namespace Mapbox.Uploads.Emulator;

/// <summary>
/// Reads one <c>--fault</c>: <c>route=create,kind=error,status=500,times=2,probability=0.5,method=PUT</c>,
/// with <c>delay=S</c> for latency, <c>after-bytes=N</c> for drop and <c>reset=S</c> for rate-limited.
/// </summary>
internal static class FaultArgument
{
    public const string Option = "--fault";

    private static readonly Dictionary<string, FaultKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["error"] = FaultKind.ServerError,
        ["drop"] = FaultKind.DropConnection,
        ["latency"] = FaultKind.Latency,
        ["rate-limited"] = FaultKind.RateLimited,
    };

    private static readonly string[] Keys = ["route", "kind", "method", "times", "probability", "status", "delay", "after-bytes", "reset"];

    private static readonly Dictionary<string, EmulatorRoute> RoutesByName = Enum.GetValues<EmulatorRoute>()
        .Where(route => route != EmulatorRoute.Unknown)
        .ToDictionary(route => route.ToString(), StringComparer.OrdinalIgnoreCase);

    public static FaultRule? Parse(string text, out IReadOnlyList<string> problems)
    {
        var arguments = CommandArguments.Parse(Option, text, Keys);
        problems = arguments.Problems;
        var routeName = arguments.Required("route");
        var kindName = arguments.Required("kind");
        if (!RoutesByName.TryGetValue(routeName, out var route))
        {
            arguments.Problems.Add($"{Option} route={routeName} is not one of {string.Join('|', RoutesByName.Keys.Select(name => name.ToLowerInvariant()))}.");
        }
        if (!Kinds.TryGetValue(kindName, out var kind))
        {
            arguments.Problems.Add($"{Option} kind={kindName} is not one of {string.Join('|', Kinds.Keys)}.");
        }
        var defaults = new FaultRule { Route = route, Kind = kind };
        var rule = defaults with
        {
            Method = arguments.Text("method"),
            Times = arguments.Integer("times"),
            Probability = arguments.Number("probability") ?? defaults.Probability,
            StatusCode = arguments.Integer("status") ?? defaults.StatusCode,
            Delay = arguments.Seconds("delay") ?? defaults.Delay,
            DropAfterBytes = arguments.Long("after-bytes") ?? defaults.DropAfterBytes,
            RateLimitReset = arguments.Seconds("reset") ?? defaults.RateLimitReset,
        };
        if (arguments.Problems.Count == 0 && rule.FindProblem() is { } problem)
        {
            arguments.Problems.Add($"{Option} {text}: {problem}");
        }
        return arguments.Problems.Count == 0 ? rule : null;
    }
}
