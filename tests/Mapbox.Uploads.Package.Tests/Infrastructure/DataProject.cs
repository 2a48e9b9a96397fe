using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using System.Xml.Linq;

namespace Mapbox.Uploads.Package.Tests.Infrastructure;

/// <summary>Helpers shared by the package tests: data files, the result listing target, secret searches.</summary>
public static partial class DataProject
{
    public const string ParksGeoJson = """
        {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"Auenwald"},"geometry":{"type":"Polygon","coordinates":[[[12.329,51.343],[12.3345,51.3433],[12.3349,51.3462],[12.329,51.343]]]}}]}
        """;

    /// <summary>A target that prints each MapboxUploadResult item, so tests can read the task's outputs from the console.</summary>
    public static XElement ResultPrinter() =>
        new("Target", new XAttribute("Name", "PrintMapboxResults"), new XAttribute("AfterTargets", "MapboxUpload"),
            new XElement("Message", new XAttribute("Importance", "high"),
                new XAttribute("Text", "RESULT|%(MapboxUploadResult.Filename)%(MapboxUploadResult.Extension)|%(MapboxUploadResult.TilesetId)|%(MapboxUploadResult.UploadId)|%(MapboxUploadResult.Status)|%(MapboxUploadResult.Skipped)|"),
                new XAttribute("Condition", "'@(MapboxUploadResult)' != ''")));

    public static IReadOnlyList<(string File, string Tileset, string UploadId, string Status, string Skipped)> Results(ProcessResult result) =>
        ResultLine().Matches(result.Output)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value, m.Groups[5].Value))
            .Distinct()
            .OrderBy(r => r.Item1, StringComparer.Ordinal)
            .ToList();

    public static Dictionary<string, string?> WithToken(string? token, bool ci = false) => new()
    {
        ["MAPBOX_ACCESS_TOKEN"] = token,
        ["CI"] = ci ? "true" : null,
    };

    /// <summary>Adds the result printer to the sandbox's project file.</summary>
    public static void AddResultPrinter(Sandbox sandbox)
    {
        var project = XElement.Load(sandbox.ProjectPath);
        project.Add(ResultPrinter());
        project.Save(sandbox.ProjectPath);
    }

    /// <summary>The manifest's records: tileset to (upload id, status).</summary>
    public static Dictionary<string, (string? UploadId, string? Status)> Manifest(Sandbox sandbox)
    {
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(sandbox.IntermediateDirectory, "mapbox-uploads.json")));
        return manifest.RootElement.GetProperty("tilesets").EnumerateArray().ToDictionary(
            t => t.GetProperty("tileset").GetString()!,
            t => (t.GetProperty("uploadId").GetString(), t.GetProperty("status").GetString()));
    }

    /// <summary>Replays a binary log at diagnostic verbosity and returns the text, plus the decompressed raw log.</summary>
    public static async Task<string> ReplayAsync(Sandbox sandbox, string binlog)
    {
        var replay = Path.ChangeExtension(binlog, ".replay.log");
        var result = await DotnetProcess.RunAsync(sandbox.Directory,
            ["msbuild", binlog, "-noconlog", $"-flp:v=diag;logfile={replay}"], new Dictionary<string, string?>(), TimeSpan.FromMinutes(2));
        Assert.True(result.ExitCode == 0 || File.Exists(replay), result.ToString());
        using var raw = new GZipStream(File.OpenRead(binlog), CompressionMode.Decompress);
        using var decompressed = new MemoryStream();
        raw.CopyTo(decompressed);
        return File.ReadAllText(replay) + "\n" + Encoding.UTF8.GetString(decompressed.ToArray()) + "\n" + Encoding.Unicode.GetString(decompressed.ToArray());
    }

    [GeneratedRegex(@"RESULT\|([^|\r\n]*)\|([^|\r\n]*)\|([^|\r\n]*)\|([^|\r\n]*)\|([^|\r\n]*)\|")]
    private static partial Regex ResultLine();
}
