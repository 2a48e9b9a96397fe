using System;
using System.Collections.Generic;
using System.IO;
using Mapbox.Uploads.Build.Summary;

namespace Mapbox.Uploads.Build;

/// <summary>
/// Applies outcomes, the one place that does: logs each failure and result line, writes the stamp of every item
/// that has a publication, and keeps the records for the manifest and the task's outputs.
/// </summary>
internal sealed class OutcomeRecorder
{
    private readonly StampStore _stamps;
    private readonly BuildLog _log;
    private readonly List<(PipelineItem Item, ItemRecord Record)> _records = new();
    private readonly List<string> _writtenStamps = new();
    private readonly List<ISummaryRow> _rows = new();

    public OutcomeRecorder(StampStore stamps, BuildLog log)
    {
        _stamps = stamps;
        _log = log;
    }

    public IReadOnlyList<(PipelineItem Item, ItemRecord Record)> Records => _records;

    public IReadOnlyList<string> WrittenStamps => _writtenStamps;

    /// <summary>One row per item, in the order applied, for the summaries.</summary>
    public IReadOnlyList<ISummaryRow> Rows => _rows;

    public void Apply(ItemOutcome outcome)
    {
        var file = outcome.Item.Ref.FullPath;
        if (outcome.Failure is { } failure)
        {
            _log.Error(failure.Code, failure.Message, failure.File ?? file, failure.Line, failure.Column);
            if (failure.Detail is not null)
            {
                _log.Low($"Mapbox: {outcome.Item.Ref.Tileset}: {failure.Detail}");
            }
        }

        var record = ItemRecord.Of(outcome);
        if (outcome.UploadId is not null && outcome.Content is not null)
        {
            WriteStamp(outcome.Item, record);
        }

        if (outcome.Summary is not null)
        {
            _log.High(outcome.Summary);
        }

        _records.Add((outcome.Item, record));
        _rows.Add(new ResultRow(outcome.Item.Ref, record, outcome.Duration));
    }

    /// <summary>A stamp that cannot be written costs a repeated upload next time, never this build's result or its upload id.</summary>
    private void WriteStamp(PipelineItem item, ItemRecord record)
    {
        try
        {
            _writtenStamps.Add(_stamps.Write(item.Ref, record));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _log.Warning(ErrorCodes.StampNotWritten,
                $"The record of upload {record.UploadId} ({record.Status}) of {item.Ref.Spec} to tileset {item.Ref.Tileset} could not be written to {_stamps.PathFor(item.Ref)}: {e.Message}",
                item.Ref.FullPath);
        }
    }
}
