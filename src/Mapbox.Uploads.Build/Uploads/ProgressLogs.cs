using System;
using System.Collections.Generic;
using Mapbox.Uploads.Build.Summary;

namespace Mapbox.Uploads.Build;

/// <summary>Logs staging progress at Normal importance in quarter steps, so big files do not flood the log.</summary>
internal sealed class StagingProgressLog : IProgress<StagingProgress>
{
    private readonly TilesetId _tileset;
    private readonly BuildLog _log;
    private int _lastQuarter;

    public StagingProgressLog(TilesetId tileset, BuildLog log)
    {
        _tileset = tileset;
        _log = log;
    }

    public void Report(StagingProgress value)
    {
        var quarter = (int)Math.Floor(value.Fraction * 4);
        if (quarter <= _lastQuarter)
        {
            return;
        }

        _lastQuarter = quarter;
        _log.Normal(FormattableString.Invariant($"Mapbox: {_tileset} staged {value.BytesAcknowledged:N0} of {value.TotalBytes:N0} bytes ({value.Fraction:0%})."));
    }
}

/// <summary>
/// Logs processing progress at High importance, so the classic logger shows it as it happens: when it moves by a tenth
/// or more, and at most once per <see cref="Pace.Readable"/> for the tileset.
/// </summary>
internal sealed class ProcessingProgressLog : IProgress<Upload>
{
    private readonly TilesetId _tileset;
    private readonly BuildLog _log;
    private readonly Pace _pace;
    private int _lastTenth = -1;

    public ProcessingProgressLog(TilesetId tileset, BuildLog log, Pace? pace = null)
    {
        _tileset = tileset;
        _log = log;
        _pace = pace ?? new Pace(Pace.Readable);
    }

    public void Report(Upload value)
    {
        var tenth = (int)Math.Floor(value.Progress * 10);
        if (tenth <= _lastTenth || !_pace.Due())
        {
            return;
        }

        _lastTenth = tenth;
        _log.High(FormattableString.Invariant($"Mapbox: {_tileset} processing {value.Progress:0%} (upload {value.Id})."));
    }
}

/// <summary>Routes each status of a batch wait to its tileset's processing log.</summary>
internal sealed class BatchProgressLog : IProgress<Upload>
{
    private readonly IReadOnlyDictionary<string, ProcessingProgressLog> _byUploadId;

    public BatchProgressLog(IReadOnlyDictionary<string, ProcessingProgressLog> byUploadId) => _byUploadId = byUploadId;

    public void Report(Upload value)
    {
        if (_byUploadId.TryGetValue(value.Id, out var log))
        {
            log.Report(value);
        }
    }
}

/// <summary>Says why nothing happens while the client paces its requests under the rate limit: waits of a second or more, at a readable pace.</summary>
internal sealed class RateLimitLog
{
    private static readonly TimeSpan Noticeable = TimeSpan.FromSeconds(1);

    private readonly BuildLog _log;
    private readonly Pace _pace;

    public RateLimitLog(BuildLog log, Pace? pace = null)
    {
        _log = log;
        _pace = pace ?? new Pace(Pace.Readable);
    }

    public void Report(RateLimitWait wait)
    {
        if (wait.Delay >= Noticeable && _pace.Due())
        {
            _log.High($"Mapbox: {wait}.");
        }
    }
}

/// <summary>
/// Says why a large file takes a while before anything is sent: a line at High importance when its checks begin, then
/// how far they have read, at most once per <see cref="Pace.Readable"/>.
/// </summary>
internal sealed class CheckingProgressLog : IProgress<long>
{
    /// <summary>From this size on the checks take long enough to be worth a word (about a second on a laptop).</summary>
    public const long Noticeable = 64L * 1024 * 1024;

    private readonly ItemRef _item;
    private readonly long _length;
    private readonly BuildLog _log;
    private readonly Pace _pace;

    public CheckingProgressLog(ItemRef item, long length, BuildLog log, Pace? pace = null)
    {
        _item = item;
        _length = length;
        _log = log;
        _pace = pace ?? new Pace(Pace.Readable);
        _pace.Due();
        _log.High($"Mapbox: checking {item.Spec} for tileset {item.Tileset} ({SummaryText.Size(length)}) before sending it.");
    }

    public void Report(long value)
    {
        if (value < _length && _pace.Due())
        {
            _log.High(FormattableString.Invariant(
                $"Mapbox: checking {_item.Spec}: {SummaryText.Size(value)} of {SummaryText.Size(_length)} read ({(double)value / _length:0%})."));
        }
    }
}
