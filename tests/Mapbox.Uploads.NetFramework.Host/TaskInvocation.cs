using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Xml.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace Mapbox.Uploads.NetFramework.Host;

/// <summary>
/// One task call, as the test suite wrote it from the packed .targets:
/// <c>&lt;Task assembly="..." name="..."&gt;&lt;Parameter name="ApiUrl"&gt;...&lt;/Parameter&gt;
/// &lt;Parameter name="Tilesets"&gt;&lt;Item include="..."&gt;&lt;Metadata name="MapId"&gt;roads&lt;/Metadata&gt;&lt;/Item&gt;&lt;/Parameter&gt;&lt;/Task&gt;</c>.
/// Values are converted as MSBuild's TaskExecutionHost does: an empty value leaves the parameter unset.
/// </summary>
internal sealed class TaskInvocation
{
    private readonly XElement _task;

    private TaskInvocation(XElement task) => _task = task;

    public static TaskInvocation Load(string path) => new(XDocument.Load(path).Root!);

    public ITask Create(IBuildEngine engine)
    {
        // MSBuild runs a task in its project's directory: relative item paths resolve against it.
        Directory.SetCurrentDirectory((string)_task.Attribute("projectDirectory")!);
        // MSBuild for .NET Framework loads a UsingTask's AssemblyFile with LoadFrom: its folder is probed, the app's redirects apply.
        var assembly = Assembly.LoadFrom((string)_task.Attribute("assembly")!);
        var type = assembly.GetType((string)_task.Attribute("name")!, throwOnError: true)!;
        var task = (ITask)Activator.CreateInstance(type)!;
        task.BuildEngine = engine;
        foreach (var parameter in _task.Elements("Parameter"))
        {
            var name = (string)parameter.Attribute("name")!;
            var property = type.GetProperty(name) ?? throw new InvalidOperationException($"The task has no parameter {name} (MSB4064).");
            var value = Convert(parameter, property.PropertyType);
            if (value is not null)
            {
                property.SetValue(task, value);
            }
        }

        return task;
    }

    public void PrintOutputs(ITask task)
    {
        foreach (var property in task.GetType().GetProperties().Where(p => p.IsDefined(typeof(OutputAttribute))))
        {
            switch (property.GetValue(task))
            {
                case ITaskItem[] items:
                    foreach (var item in items)
                    {
                        HostLine.Write(["output", property.Name, item.ItemSpec, .. MetadataOf(item)]);
                    }

                    break;
                case object value:
                    HostLine.Write("output", property.Name, System.Convert.ToString(value, CultureInfo.InvariantCulture));
                    break;
            }
        }
    }

    private static string[] MetadataOf(ITaskItem item) =>
        item.MetadataNames.Cast<string>().Select(name => $"{name}={item.GetMetadata(name)}").ToArray();

    private static object? Convert(XElement parameter, Type type)
    {
        if (type == typeof(ITaskItem[]))
        {
            return parameter.Elements("Item").Select(ToTaskItem).ToArray();
        }

        var text = parameter.Value;
        if (text.Length == 0)
        {
            return null;
        }

        if (type == typeof(string))
        {
            return text;
        }

        if (type == typeof(bool))
        {
            return text.ToLowerInvariant() switch
            {
                "true" or "on" or "yes" or "!false" or "!off" or "!no" => true,
                "false" or "off" or "no" or "!true" or "!on" or "!yes" => false,
                _ => throw new FormatException($"\"{text}\" is not a valid bool for {parameter.Attribute("name")!.Value} (MSB4030)."),
            };
        }

        if (type == typeof(int))
        {
            return int.Parse(text, CultureInfo.InvariantCulture);
        }

        if (type == typeof(string[]))
        {
            return text.Split(new[] { ';' }, StringSplitOptions.RemoveEmptyEntries);
        }

        throw new NotSupportedException($"The host cannot set a parameter of type {type}.");
    }

    private static ITaskItem ToTaskItem(XElement item)
    {
        var metadata = new Hashtable();
        foreach (var entry in item.Elements("Metadata"))
        {
            metadata[(string)entry.Attribute("name")!] = entry.Value;
        }

        return new TaskItem((string)item.Attribute("include")!, metadata);
    }
}
