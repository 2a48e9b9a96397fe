using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Build.Framework;

namespace Mapbox.Uploads.NetFramework.Host;

/// <summary>
/// Runs one task as Visual Studio's MSBuild would: loads its assembly from its own folder into this process (no
/// isolation, this process's binding redirects), sets its parameters, calls Execute, and prints every event and
/// output as a <see cref="HostLine"/>. A line "cancel" on stdin calls <see cref="ICancelableTask.Cancel"/>.
/// Exit codes: 0 Execute returned true, 1 it returned false, 2 the task could not be loaded or threw.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length != 1)
        {
            Console.Error.WriteLine("usage: mono --assembly-loader=strict Mapbox.Uploads.NetFramework.Host.exe <invocation.xml>");
            return 2;
        }

        var engine = new ConsoleBuildEngine();
        try
        {
            var invocation = TaskInvocation.Load(args[0]);
            var task = invocation.Create(engine);
            ListenForCancel(task);
            var succeeded = Task.Run(task.Execute).GetAwaiter().GetResult();
            invocation.PrintOutputs(task);
            HostLine.Write("result", succeeded ? "true" : "false");
            return succeeded ? 0 : 1;
        }
        catch (Exception exception)
        {
            // MSBuild turns an escaping exception into error MSB4018 (or MSB4062 when the task cannot load): a failed build either way.
            HostLine.Write("crash", exception.ToString());
            return 2;
        }
    }

    private static void ListenForCancel(ITask task)
    {
        var listener = new Thread(() =>
        {
            string? line;
            while ((line = Console.In.ReadLine()) is not null)
            {
                if (line == "cancel" && task is ICancelableTask cancelable)
                {
                    cancelable.Cancel();
                }
            }
        })
        { IsBackground = true };
        listener.Start();
    }
}
