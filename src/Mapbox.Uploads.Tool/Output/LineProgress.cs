using System;

namespace Mapbox.Uploads.Tool.Output;

/// <summary>
/// Progress told on the reporting thread, at once: <see cref="Progress{T}"/> posts to the thread pool, so its lines
/// could land after the result they precede.
/// </summary>
internal sealed class LineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
