using System;
using System.Collections.Generic;
using System.Linq;

namespace Mapbox.Uploads.Emulator;

/// <summary>What an injected fault does to a request.</summary>
public enum FaultKind
{
    /// <summary>
    /// Answers <see cref="FaultRule.StatusCode"/> instead of handling the request: a 5xx, or a 4xx (other than
    /// 429) for an API refusal that no retry will change.
    /// </summary>
    ServerError,

    /// <summary>Reads <see cref="FaultRule.DropAfterBytes"/> of the request body, then drops the connection without answering.</summary>
    DropConnection,

    /// <summary>Waits <see cref="FaultRule.Delay"/> (real time) before handling the request as usual.</summary>
    Latency,

    /// <summary>
    /// Answers 429 with the rate-limit headers, the reset <see cref="FaultRule.RateLimitReset"/> away; on S3
    /// it is S3's own way of saying so, 503 <c>SlowDown</c>.
    /// </summary>
    RateLimited,
}

/// <summary>One fault to inject into requests of a route.</summary>
public sealed record FaultRule
{
    /// <summary>The route whose requests this rule targets.</summary>
    public required EmulatorRoute Route { get; init; }

    /// <summary>What the fault does.</summary>
    public required FaultKind Kind { get; init; }

    /// <summary>Only requests with this HTTP method (e.g. <c>PUT</c> for S3 parts); null matches any.</summary>
    public string? Method { get; init; }

    /// <summary>Applies to the first this-many matching requests that the rule hits; null means no limit.</summary>
    public int? Times { get; init; }

    /// <summary>The chance (0 to 1) that a matching request is hit, drawn from the emulator's seeded random.</summary>
    public double Probability { get; init; } = 1.0;

    /// <summary>The status a <see cref="FaultKind.ServerError"/> answers (503 by default; 400 to 599 but 429).</summary>
    public int StatusCode { get; init; } = 503;

    /// <summary>The wait of a <see cref="FaultKind.Latency"/> fault.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>How many body bytes a <see cref="FaultKind.DropConnection"/> reads before dropping (at most the body).</summary>
    public long DropAfterBytes { get; init; } = 1;

    /// <summary>How far away the reset of a <see cref="FaultKind.RateLimited"/> answer is (1 s by default).</summary>
    public TimeSpan RateLimitReset { get; init; } = TimeSpan.FromSeconds(1);

    internal string? FindProblem() =>
        Probability is < 0 or > 1 ? "Probability must be 0 to 1."
        : Kind == FaultKind.ServerError && StatusCode is < 400 or > 599 or 429 ? "A server error's status must be 4xx or 5xx, and not 429 (use RateLimited)."
        : null;
}

/// <summary>
/// The fault rules of one emulator, thread-safe. Per request, every matching <see cref="FaultKind.Latency"/>
/// rule adds its delay and the first matching rule of another kind decides the outcome.
/// </summary>
public sealed class FaultRules
{
    internal const string InjectedFaultItem = "Mapbox.Uploads.Emulator.InjectedFault";

    private readonly object _gate = new();
    private readonly List<ActiveRule> _rules = [];
    private readonly Random _random;

    internal FaultRules(int seed) => _random = new Random(seed);

    /// <summary>Adds a rule; rules are consulted in the order they were added.</summary>
    public FaultRule Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.FindProblem() is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), problem);
        }
        lock (_gate)
        {
            _rules.Add(new ActiveRule(rule, rule.Times));
        }
        return rule;
    }

    /// <summary>Answers the next <paramref name="times"/> requests of <paramref name="route"/> with <paramref name="statusCode"/>.</summary>
    public FaultRule FailNext(EmulatorRoute route, int times = 1, int statusCode = 503) =>
        Add(new FaultRule { Route = route, Kind = FaultKind.ServerError, Times = times, StatusCode = statusCode });

    /// <summary>Drops the connection of the next <paramref name="times"/> requests of <paramref name="route"/> after <paramref name="afterBytes"/> body bytes.</summary>
    public FaultRule DropNext(EmulatorRoute route, int times = 1, long afterBytes = 1) =>
        Add(new FaultRule { Route = route, Kind = FaultKind.DropConnection, Times = times, DropAfterBytes = afterBytes });

    /// <summary>Delays the next <paramref name="times"/> requests of <paramref name="route"/> (every one when null).</summary>
    public FaultRule DelayNext(EmulatorRoute route, TimeSpan delay, int? times = 1) =>
        Add(new FaultRule { Route = route, Kind = FaultKind.Latency, Times = times, Delay = delay });

    /// <summary>Answers the next <paramref name="times"/> requests of <paramref name="route"/> as rate limited.</summary>
    public FaultRule RateLimitNext(EmulatorRoute route, int times = 1, TimeSpan? reset = null) =>
        Add(new FaultRule { Route = route, Kind = FaultKind.RateLimited, Times = times, RateLimitReset = reset ?? TimeSpan.FromSeconds(1) });

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    internal FaultDecision Decide(EmulatorRoute route, string method)
    {
        lock (_gate)
        {
            var delay = TimeSpan.Zero;
            FaultRule? outcome = null;
            foreach (var active in _rules.Where(active => active.Matches(route, method)))
            {
                if (active.Rule.Kind != FaultKind.Latency && outcome is not null)
                {
                    continue;
                }
                // Draws happen only for rules that could apply, so a seed replays the same sequence.
                if (active.Rule.Probability < 1.0 && _random.NextDouble() >= active.Rule.Probability)
                {
                    continue;
                }
                active.Remaining--;
                if (active.Rule.Kind == FaultKind.Latency)
                {
                    delay += active.Rule.Delay;
                }
                else
                {
                    outcome = active.Rule;
                }
            }
            return new FaultDecision(delay, outcome);
        }
    }

    private sealed class ActiveRule(FaultRule rule, int? remaining)
    {
        public FaultRule Rule { get; } = rule;

        public int? Remaining { get; set; } = remaining;

        public bool Matches(EmulatorRoute route, string method) =>
            Rule.Route == route
            && (Remaining is null || Remaining > 0)
            && (Rule.Method is null || string.Equals(Rule.Method, method, StringComparison.OrdinalIgnoreCase));
    }
}

internal sealed record FaultDecision(TimeSpan Delay, FaultRule? Outcome);
