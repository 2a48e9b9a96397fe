using System;
using System.Globalization;
using System.IO;

namespace Mapbox.Uploads.Tool.Output;

/// <summary>
/// Staging and processing progress on stderr: one redrawn bar on a terminal; on a pipe or file a plain line per
/// tenth reached, so logs stay short and readable.
/// </summary>
internal sealed class ProgressDisplay : IProgress<StagingProgress>, IProgress<Upload>, IDisposable
{
    private const int BarWidth = 30;
    private readonly TextWriter _writer;
    private readonly bool _interactive;
    private readonly object _gate = new();
    private string? _lastStage;
    private int _lastTenth = -1;
    private int _drawnWidth;

    public ProgressDisplay(TextWriter writer, bool interactive)
    {
        _writer = writer;
        _interactive = interactive;
    }

    public void Report(StagingProgress value) =>
        Show("staging", value.Fraction, $"{Size(value.BytesAcknowledged)} of {Size(value.TotalBytes)}");

    public void Report(Upload value) =>
        Show($"processing {value.Tileset}", value.Progress, value.Id);

    /// <summary>Ends a drawn bar's line so what follows starts on its own.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_interactive && _drawnWidth > 0)
            {
                _writer.WriteLine();
                _drawnWidth = 0;
            }
        }
    }

    private void Show(string stage, double fraction, string detail)
    {
        fraction = Math.Clamp(fraction, 0, 1);
        var percent = string.Create(CultureInfo.InvariantCulture, $"{fraction * 100,3:F0}%");
        lock (_gate)
        {
            if (_interactive)
            {
                if (stage != _lastStage && _drawnWidth > 0)
                {
                    _writer.WriteLine();
                    _drawnWidth = 0;
                }

                _lastStage = stage;
                var filled = (int)Math.Round(fraction * BarWidth);
                var line = $"{stage} [{new string('#', filled)}{new string('-', BarWidth - filled)}] {percent} {detail}";
                _writer.Write('\r' + line.PadRight(_drawnWidth));
                _drawnWidth = line.Length;
                return;
            }

            var tenth = (int)(fraction * 10);
            if (stage == _lastStage && tenth == _lastTenth)
            {
                return;
            }

            _lastStage = stage;
            _lastTenth = tenth;
            _writer.WriteLine($"{stage}: {percent.TrimStart()} {detail}");
        }
    }

    private static string Size(long bytes) => bytes < 1048576
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F1} KiB")
        : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:F1} MiB");
}
