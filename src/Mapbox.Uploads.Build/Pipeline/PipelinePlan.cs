using System;
using System.Collections.Generic;
using System.Linq;

namespace Mapbox.Uploads.Build;

/// <summary>
/// A pipeline's work up to the first request: the outcomes settled locally, the estimate of what it would have
/// processed, and the sending it has left. The task sends only once every pipeline's estimate is within the budget.
/// Disposing it releases what the checks left for the sending (the changeset files), whether it was sent or not.
/// </summary>
internal sealed class PipelinePlan : IDisposable
{
    private readonly IReadOnlyList<ItemOutcome> _settled;
    private readonly Func<IReadOnlyList<ItemOutcome>>? _send;
    private Action? _release;

    public PipelinePlan(IReadOnlyList<ItemOutcome> settled, IReadOnlyList<ProcessingRow> estimate, Func<IReadOnlyList<ItemOutcome>>? send = null)
    {
        _settled = settled;
        Estimate = estimate;
        _send = send;
    }

    /// <summary>One row per tileset that passed its checks.</summary>
    public IReadOnlyList<ProcessingRow> Estimate { get; }

    /// <summary>True when <see cref="Complete"/> sends requests.</summary>
    public bool Sends => _send is not null;

    /// <summary>Sends what is left (when anything is) and returns every item's outcome.</summary>
    public IReadOnlyList<ItemOutcome> Complete()
    {
        try
        {
            return _send is null ? _settled : _settled.Concat(_send()).ToList();
        }
        finally
        {
            Dispose();
        }
    }

    /// <summary>Has <paramref name="release"/> run once, when the plan is completed or disposed.</summary>
    public PipelinePlan Releasing(Action release)
    {
        _release = release;
        return this;
    }

    public void Dispose()
    {
        var release = _release;
        _release = null;
        release?.Invoke();
    }
}
