using System;

namespace Mapbox.Uploads.Http;

/// <summary>
/// A refusal the pipeline retries on a longer schedule than transient failures, such as a create while the tileset
/// still processes another upload: waits grow from <see cref="FirstWait"/> by <see cref="NextWait"/> while their sum stays
/// within <see cref="Budget"/>, and each retry starts the transient attempts afresh.
/// </summary>
internal sealed class PatientRetry
{
    private readonly Func<Exception, bool> _isRefusedForNow;
    private readonly Func<TimeSpan, TimeSpan> _nextWait;

    public PatientRetry(Func<Exception, bool> isRefusedForNow, TimeSpan firstWait, Func<TimeSpan, TimeSpan> nextWait, TimeSpan budget)
    {
        _isRefusedForNow = isRefusedForNow;
        FirstWait = firstWait;
        _nextWait = nextWait;
        Budget = budget;
    }

    public TimeSpan FirstWait { get; }

    public TimeSpan Budget { get; }

    public TimeSpan NextWait(TimeSpan wait) => _nextWait(wait);

    /// <summary>Whether <paramref name="failure"/> is worth another try after <paramref name="wait"/>, <paramref name="elapsed"/> into the budget.</summary>
    public bool Allows(Exception failure, TimeSpan elapsed, TimeSpan wait) => _isRefusedForNow(failure) && elapsed + wait <= Budget;
}
