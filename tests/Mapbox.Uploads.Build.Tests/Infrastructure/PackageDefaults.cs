using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace Mapbox.Uploads.Build.Tests.Infrastructure;

/// <summary>The knob defaults as the package's .props sets them, the one place they live, for tests that run the task directly.</summary>
public static class PackageDefaults
{
    private static readonly IReadOnlyDictionary<string, string> Values = XDocument.Load(Repository.PathOf("build/Mapbox.Uploads.Build.props"))
        .Descendants()
        .Where(element => element.Parent?.Name.LocalName == "PropertyGroup" && element.Parent.Attribute("Condition") is null)
        .GroupBy(element => element.Name.LocalName)
        .ToDictionary(group => group.Key, group => group.First().Value.Trim());

    public static string Of(string property) => Values[property];
}
