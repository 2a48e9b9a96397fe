using System;
using Microsoft.Build.Utilities;

namespace Mapbox.Uploads.Build;

/// <summary>
/// The base of the package's tasks: seals <see cref="Execute"/>, turns expected failures into coded
/// errors and unexpected ones into MBX9000, and succeeds exactly when no error was logged.
/// </summary>
public abstract class MapboxTask : Task
{
    private BuildLog? _buildLog;

    /// <summary>The task's log: coded, redacted, safe to use from any thread while the task runs.</summary>
    internal BuildLog BuildLog => _buildLog ??= new BuildLog(Log);

    /// <summary>Runs <see cref="ExecuteCore"/> and reports how it went.</summary>
    /// <returns>True when no error was logged.</returns>
    public sealed override bool Execute()
    {
        try
        {
            ExecuteCore();
        }
        catch (MapboxBuildException e)
        {
            BuildLog.Error(e.Code, e.Message, e.File);
        }
        catch (Exception e) when (!IsCritical(e))
        {
            BuildLog.Error(ErrorCodes.Unexpected, $"{e.GetType().Name}: {e.Message}");
            BuildLog.Low(e.ToString());
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>The task's work; throw <see cref="MapboxBuildException"/> for an expected failure.</summary>
    protected abstract void ExecuteCore();

    private static bool IsCritical(Exception e) =>
        e is OutOfMemoryException or StackOverflowException or AccessViolationException;
}
