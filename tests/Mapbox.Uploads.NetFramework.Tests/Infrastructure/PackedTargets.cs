using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Mapbox.Uploads.NetFramework.Tests.Infrastructure;

/// <summary>
/// The one place that turns a project's properties and items into the task's parameters, the way MSBuild would:
/// the packed build/*.props supply the defaults (and the task path for <c>MSBuildRuntimeType=Full</c>), the
/// packed build/*.targets' <c>&lt;MapboxUpload ... /&gt;</c> call names the parameters and what feeds each.
/// A parameter added to the .targets reaches the task here with no change to the tests.
/// </summary>
public sealed partial class PackedTargets
{
    private const string PackageName = "Mapbox.Uploads.Build";
    private const string TaskElement = "MapboxUpload";
    private const string ItemType = "MapboxTileset";
    private readonly PackedTask _package;

    public PackedTargets(PackedTask package) => _package = package;

    /// <summary>Writes the host's invocation file for one build with these properties (over the props' defaults) and items.</summary>
    /// <param name="projectDirectory">Where the project would be: MSBuild runs tasks there, and relative item paths are relative to it.</param>
    public XElement Invocation(string projectDirectory, IReadOnlyDictionary<string, string> projectProperties, IEnumerable<TilesetItem> items)
    {
        var properties = new Dictionary<string, string>(projectProperties, StringComparer.OrdinalIgnoreCase)
        {
            ["MSBuildRuntimeType"] = "Full",
            ["MSBuildThisFileDirectory"] = _package.PathOf("build") + "/",
        };
        var props = Load("props");
        foreach (var group in props.Elements("PropertyGroup").Where(g => Holds(g, properties)))
        {
            foreach (var property in group.Elements().Where(p => Holds(p, properties)))
            {
                properties[property.Name.LocalName] = Expand(property.Value, properties);
            }
        }

        var itemDefaults = props.Elements("ItemDefinitionGroup").Elements(ItemType).Elements().ToList();
        var targets = Load("targets");
        var call = targets.Descendants(TaskElement).Single();
        var taskName = (string)targets.Elements("UsingTask").Single().Attribute("TaskName")!;
        var assembly = properties["MapboxUploadTaskAssembly"].Replace('\\', '/');
        return new XElement("Task",
            new XAttribute("assembly", Path.GetFullPath(assembly)),
            new XAttribute("name", taskName),
            new XAttribute("projectDirectory", projectDirectory),
            call.Attributes().Select(attribute => attribute.Value.Trim() == $"@({ItemType})"
                ? new XElement("Parameter", new XAttribute("name", attribute.Name.LocalName), items.Select(item => item.ToXml(itemDefaults)))
                : new XElement("Parameter", new XAttribute("name", attribute.Name.LocalName), Expand(attribute.Value, properties))));
    }

    private XElement Load(string extension) =>
        XDocument.Load(_package.PathOf("build", $"{PackageName}.{extension}")).Root!;

    /// <summary>The props' conditions: <c>'...' == '...'</c> and <c>!=</c>, joined by <c>and</c>.</summary>
    private static bool Holds(XElement element, IReadOnlyDictionary<string, string> properties)
    {
        var condition = (string?)element.Attribute("Condition");
        if (condition is null)
        {
            return true;
        }

        var clauses = Regex.Split(condition, @"\s+and\s+");
        return clauses.All(clause =>
        {
            var match = Comparison().Match(clause.Trim());
            if (!match.Success)
            {
                throw new NotSupportedException($"The packed props use a condition the tests cannot evaluate: {condition}");
            }

            var equal = string.Equals(Expand(match.Groups["left"].Value, properties), Expand(match.Groups["right"].Value, properties), StringComparison.OrdinalIgnoreCase);
            return match.Groups["op"].Value == "==" ? equal : !equal;
        });
    }

    /// <summary>$(Name) as MSBuild expands it: an unset property is empty.</summary>
    private static string Expand(string text, IReadOnlyDictionary<string, string> properties) =>
        PropertyReference().Replace(text, match => properties.TryGetValue(match.Groups[1].Value, out var value) ? value : string.Empty);

    [GeneratedRegex(@"\$\(([A-Za-z_][A-Za-z0-9_]*)\)")]
    private static partial Regex PropertyReference();

    [GeneratedRegex(@"^'(?<left>[^']*)'\s*(?<op>==|!=)\s*'(?<right>[^']*)'$")]
    private static partial Regex Comparison();
}

/// <summary>A <c>&lt;MapboxTileset Include="..." MapId="..." /&gt;</c> item; its path is relative to the project directory.</summary>
public sealed record TilesetItem(string Include, IReadOnlyDictionary<string, string> Metadata)
{
    public static TilesetItem Of(string path, string mapId) => new(path, new Dictionary<string, string> { ["MapId"] = mapId });

    internal XElement ToXml(IEnumerable<XElement> definitionDefaults)
    {
        var metadata = new Dictionary<string, string>(Metadata, StringComparer.OrdinalIgnoreCase);
        foreach (var fallback in definitionDefaults)
        {
            metadata.TryAdd(fallback.Name.LocalName, fallback.Value);
        }

        return new XElement("Item", new XAttribute("include", Include),
            metadata.Select(pair => new XElement("Metadata", new XAttribute("name", pair.Key), pair.Value)));
    }
}
