using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Mapbox.Uploads.Package.Tests.Infrastructure;

namespace Mapbox.Uploads.Package.Tests.TilingService;

/// <summary>A data project publishing with the Tiling Service: sources, recipes, and a printer of the task's result items.</summary>
public static partial class TilingServiceProject
{
    public const string Roads = """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Karl-Heine-Strasse"},"geometry":{"type":"LineString","coordinates":[[12.33,51.33],[12.34,51.335]]}}]}
        """;

    public const string RoadsExtra = """
        {"type":"Feature","properties":{"name":"Merseburger Strasse"},"geometry":{"type":"LineString","coordinates":[[12.31,51.33],[12.32,51.334]]}}
        {"type":"Feature","properties":{"name":"Lützner Strasse"},"geometry":{"type":"LineString","coordinates":[[12.30,51.33],[12.31,51.332]]}}

        """;

    public static string Recipe(string account, string layer, params string[] sources) =>
        "{\"version\":1,\"layers\":{" + string.Join(",", sources.Select(source =>
            $"\"{(sources.Length == 1 ? layer : source)}\":{{\"source\":\"mapbox://tileset-source/{account}/{source}\",\"minzoom\":0,\"maxzoom\":10}}")) + "}}";

    public static XElement Source(string include, string sourceId) =>
        new("MapboxTilesetSource", new XAttribute("Include", include), new XAttribute("SourceId", sourceId));

    public static XElement RecipeItem(string include, string tilesetId, params (string Name, string Value)[] metadata) =>
        new("MapboxRecipe", new XAttribute("Include", include), new XAttribute("TilesetId", tilesetId), metadata.Select(m => new XAttribute(m.Name, m.Value)));

    /// <summary>Writes the project with the items and a target printing each result item with its job id and stage.</summary>
    public static void Write(Sandbox sandbox, params XElement[] items)
    {
        sandbox.WriteProject(items);
        var project = XElement.Load(sandbox.ProjectPath);
        project.Add(new XElement("Target", new XAttribute("Name", "PrintMapboxResults"), new XAttribute("AfterTargets", "MapboxUpload"),
            new XElement("Message", new XAttribute("Importance", "high"),
                new XAttribute("Text", "MTSRESULT|%(MapboxUploadResult.Filename)%(MapboxUploadResult.Extension)|%(MapboxUploadResult.TilesetId)|%(MapboxUploadResult.Status)|%(MapboxUploadResult.JobId)|%(MapboxUploadResult.JobStage)|"),
                new XAttribute("Condition", "'@(MapboxUploadResult)' != ''"))));
        project.Save(sandbox.ProjectPath);
    }

    /// <summary>One line-delimited source and a recipe per tileset on it: more tilesets than the publish limit lets go at once.</summary>
    public static void WriteTilesetsOnOneSource(Sandbox sandbox, string account, string sourceId, IReadOnlyList<string> tilesetIds)
    {
        sandbox.WriteFile("data/roads.ldgeojson", RoadsExtra);
        foreach (var id in tilesetIds)
        {
            sandbox.WriteFile($"recipes/{id}.json", Recipe(account, id, sourceId));
        }

        Write(sandbox, [Source("data/roads.ldgeojson", sourceId), .. tilesetIds.Select(id => RecipeItem($"recipes/{id}.json", id))]);
    }

    /// <summary>The result items: file to (tileset, status, job id, job stage).</summary>
    public static Dictionary<string, (string Tileset, string Status, string JobId, string Stage)> Results(ProcessResult result) =>
        ResultLine().Matches(result.Output)
            .Select(m => (File: m.Groups[1].Value, Row: (m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value, m.Groups[5].Value)))
            .GroupBy(r => r.File, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Row, StringComparer.Ordinal);

    /// <summary>The first line holding <paramref name="text"/>.</summary>
    public static string LineWith(ProcessResult result, string text) =>
        result.Output.Split('\n').First(line => line.Contains(text, StringComparison.Ordinal)).Trim();

    /// <summary>The manifest's records with a job (written on failure too, when no result item is printed): tileset to (status, job id, stage).</summary>
    public static Dictionary<string, (string? Status, string? JobId, string? Stage)> ManifestJobs(Sandbox sandbox)
    {
        using var manifest = System.Text.Json.JsonDocument.Parse(ManifestText(sandbox));
        return manifest.RootElement.GetProperty("tilesets").EnumerateArray()
            .Where(t => t.TryGetProperty("job", out var job) && job.ValueKind == System.Text.Json.JsonValueKind.Object)
            .ToDictionary(
                t => t.GetProperty("tileset").GetString()!,
                t => (t.GetProperty("status").GetString(), t.GetProperty("job").GetProperty("jobId").GetString(), t.GetProperty("job").GetProperty("stage").GetString()),
                StringComparer.Ordinal);
    }

    public static string ManifestText(Sandbox sandbox) => File.ReadAllText(Path.Combine(sandbox.IntermediateDirectory, "mapbox-uploads.json"));

    [GeneratedRegex(@"MTSRESULT\|([^|\r\n]*)\|([^|\r\n]*)\|([^|\r\n]*)\|([^|\r\n]*)\|([^|\r\n]*)\|")]
    private static partial Regex ResultLine();
}
