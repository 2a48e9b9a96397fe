using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using Mapbox.Uploads.Package.Tests.Infrastructure;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Package.Tests.Validation;

/// <summary>One data file of the corpus and what the task must say about it (nothing, for a good file).</summary>
/// <param name="Include">The item's Include, relative to the project.</param>
/// <param name="MapId">The item's MapId, unique in the corpus.</param>
/// <param name="Code">The expected MBX code, or null for a good file.</param>
/// <param name="Line">The expected 1-based line (0 when the problem has no location).</param>
/// <param name="Column">The expected 1-based column in UTF-16 code units (0 when the problem has no location).</param>
/// <param name="Says">A fragment the message must contain: the validator's own explanation.</param>
public sealed record CorpusFile(string Include, string MapId, string? Code, int Line, int Column, string Says)
{
    public (string Name, string Value)[] Metadata { get; init; } = [];

    public XElement Item() => Sandbox.Tileset(Include, MapId, Metadata);
}

/// <summary>
/// Generates the good and the broken files of every type into a folder. Text problems are marked with <c>@@</c>
/// (<see cref="MarkedText"/>), so the expected line and column are computed independently of the validators.
/// Size limits use sparse files: only the length is checked, nothing is read.
/// </summary>
public sealed class ValidationCorpus : IDisposable
{
    private const string Placemark = "<Placemark><name>p</name><Point><coordinates>8.54,47.37</coordinates></Point></Placemark>";
    private readonly string _directory;
    private readonly List<Socket> _sockets = new();

    public ValidationCorpus(string directory) => _directory = directory;

    public List<CorpusFile> Files { get; } = new();

    /// <summary>One valid file of every type (and of both GeoJSON extensions).</summary>
    public static ValidationCorpus Good(string directory)
    {
        var corpus = new ValidationCorpus(directory);
        corpus.Text("data/roads.geojson", "roads", SampleData.RoadsGeoJson);
        corpus.Text("data/parks.json", "parks", "\uFEFF" + DataProject.ParksGeoJson);
        corpus.Text("data/stops.csv", "stops", SampleData.StopsCsv);
        corpus.Text("data/places.kml", "places",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\">\n<Document>" + Placemark + "</Document>\n</kml>\n");
        corpus.Text("data/track.gpx", "track",
            "<?xml version=\"1.0\"?>\n<gpx version=\"1.1\" creator=\"test\">\n<trk><trkseg>\n  <trkpt lat=\"47.37\" lon=\"8.54\"/>\n  <trkpt lat=\"47.38\" lon=\"8.55\"/>\n</trkseg></trk>\n</gpx>\n");
        corpus.Bytes("data/rivers.zip", "rivers", FormatSamples.Zip(
            ("rivers.shp", FormatSamples.ShpHeader()), ("rivers.shx", FormatSamples.ShpHeader()), ("rivers.dbf", new byte[] { 3 }), ("rivers.prj", FormatSamples.Prj())));
        corpus.Bytes("data/tiles.mbtiles", "tiles", FormatSamples.SQLite(pageSize: 4096, pages: 3));
        corpus.Bytes("data/relief.tif", "relief", FormatSamples.Tiff(littleEndian: true, bigTiff: false, [8, 8, 8],
            FormatSamples.GeoKeyDirectory, FormatSamples.ModelPixelScale, FormatSamples.ModelTiepoint));
        return corpus;
    }

    /// <summary>Every local problem the task reports, at least one per type and one per file-level code.</summary>
    public static ValidationCorpus Broken(string directory)
    {
        var corpus = new ValidationCorpus(directory);
        const long MiB = 1024 * 1024;

        corpus.Marked("data/g-syntax.geojson", "MBX3010", "{\"type\": \"FeatureCollection\",\n  \"features\": [@@}\n", string.Empty);
        corpus.Marked("data/g-lat.geojson", "MBX3010", "{\"type\": \"Point\",\n \"coordinates\": [1, @@200]}", "Latitude 200 is outside -90..90.");
        corpus.Marked("data/g-utf16.geojson", "MBX3010",
            "{\"type\": \"FeatureCollection\", \"features\": [\n{\"type\": \"Feature\", \"properties\": {\"name\": \"Zürich 🙂\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [@@-13627361.1, 4547675.3]}}\n]}\n",
            "-13627361.1");
        corpus.Sparse("data/g-big.geojson", UploadFileTypes.GetMaxBytes(UploadFileType.GeoJson) + 1);
        corpus.Bytes("data/g-zip.geojson", "g-zip", FormatSamples.Zip(("a.txt", new byte[] { 1 })), "MBX3007", "a zip archive");
        corpus.Bytes("data/g-empty.geojson", "g-empty", [], "MBX3003", "The file is empty.");
        corpus.Socket("data/sock.geojson");
        corpus.Files.Add(new CorpusFile("data/g-missing.geojson", "g-missing", "MBX3001", 0, 0, "No file exists at this path."));
        Directory.CreateDirectory(corpus.PathOf("data/g-folder.geojson"));
        corpus.Files.Add(new CorpusFile("data/g-folder.geojson", "g-folder", "MBX3002", 0, 0, "This path is a directory"));
        corpus.Bytes("data/notes.txt", "notes", "just text"u8.ToArray(), "MBX3005", "Mapbox does not accept '.txt' files.");

        corpus.Marked("data/c-lat.csv", "MBX3011", "name,lat,lon\nZurich,47.37,8.54\nBad,@@91,8.54\n", "91");
        corpus.Marked("data/c-semicolon.csv", "MBX3011", "@@name;lat;lon\nZurich;47.37;8.54\n", string.Empty);

        corpus.Marked("data/k-malformed.kml", "MBX3013", "<kml>\n<Document>\n  <Placemark><name>a</name></@@Folder>\n</Document></kml>", string.Empty);
        corpus.Marked("data/k-layers.kml", "MBX3013", Kml(folders: 16, markFolder: 16), "16 layers found. Maximum of 15 layers allowed.");
        corpus.Sparse("data/k-big.kml", UploadFileTypes.GetMaxBytes(UploadFileType.Kml) + 1);

        corpus.Marked("data/x-lat.gpx", "MBX3014",
            "<gpx>\n<trk><trkseg>\n  <trkpt lat=\"1\" lon=\"2\"/>\n  @@<trkpt lat=\"91\" lon=\"2\"/>\n</trkseg></trk></gpx>", "lat=\"91\"");
        corpus.Sparse("data/x-big.gpx", 260 * MiB + 1);

        corpus.Bytes("data/s-noprj.zip", "s-noprj", FormatSamples.Zip(
            ("roads.shp", FormatSamples.ShpHeader()), ("roads.shx", FormatSamples.ShpHeader()), ("roads.dbf", new byte[] { 3 })),
            "MBX3012", "Failed to find a shapefile in your zip");

        var truncated = FormatSamples.SQLite(pageSize: 4096, pages: 3).AsSpan(0, (4096 * 2) + 100).ToArray();
        corpus.Bytes("data/m-truncated.mbtiles", "m-truncated", truncated, "MBX3015", "truncated");
        corpus.Sparse("data/m-big.mbtiles", UploadFileTypes.GetMaxBytes(UploadFileType.MBTiles) + 1);

        corpus.Bytes("data/t-16bit.tif", "t-16bit", FormatSamples.Tiff(true, false, [8, 8, 16],
            FormatSamples.GeoKeyDirectory, FormatSamples.ModelPixelScale, FormatSamples.ModelTiepoint), "MBX3016", "16 bits in sample 3");
        corpus.Bytes("data/t-nogeo.tiff", "t-nogeo", FormatSamples.Tiff(true, false, [8],
            FormatSamples.ModelPixelScale, FormatSamples.ModelTiepoint), "MBX3016", "34735");
        return corpus;
    }

    public string PathOf(string include) => Path.Combine(_directory, include.Replace('/', Path.DirectorySeparatorChar));

    /// <summary>Adds a good file.</summary>
    public CorpusFile Text(string include, string mapId, string text, params (string Name, string Value)[] metadata)
    {
        Write(include, Encoding.UTF8.GetBytes(text));
        var file = new CorpusFile(include, mapId, null, 0, 0, string.Empty) { Metadata = metadata };
        Files.Add(file);
        return file;
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }

    private static string MapIdOf(string include) => Path.GetFileNameWithoutExtension(include);

    private void Marked(string include, string code, string marked, string says)
    {
        var document = MarkedText.Parse(marked);
        Write(include, Encoding.UTF8.GetBytes(document.Text));
        Files.Add(new CorpusFile(include, MapIdOf(include), code, document.Line, document.Column, says));
    }

    private void Bytes(string include, string mapId, byte[] content, string? code = null, string says = "")
    {
        Write(include, content);
        Files.Add(new CorpusFile(include, mapId, code, 0, 0, says));
    }

    private void Sparse(string include, long length)
    {
        var path = PathOf(include);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write))
        {
            stream.SetLength(length);
        }

        Files.Add(new CorpusFile(include, MapIdOf(include), "MBX3006", 0, 0, $"The file is {length} bytes;"));
    }

    /// <summary>A bound Unix domain socket: the path exists with length 0 and open() fails with ENXIO, for root too.</summary>
    private void Socket(string include)
    {
        var path = PathOf(include);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _sockets.Add(UnreadableFiles.BindSocket(path));
        Files.Add(new CorpusFile(include, MapIdOf(include), "MBX3004", 0, 0, "could not be opened"));
    }

    private void Write(string include, byte[] content)
    {
        var path = PathOf(include);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }

    private static string Kml(int folders, int markFolder)
    {
        var builder = new StringBuilder("<kml><Document>\n");
        for (var i = 1; i <= folders; i++)
        {
            builder.Append("  ").Append(i == markFolder ? "@@" : string.Empty).Append("<Folder><name>").Append(i).Append("</name>")
                .Append(Placemark).Append("</Folder>\n");
        }

        return builder.Append("</Document></kml>\n").ToString();
    }
}

/// <summary>The MBX lines of a build's console output, in MSBuild's canonical form.</summary>
public static class CanonicalErrors
{
    /// <summary>
    /// The one line MSBuild prints for an error on <paramref name="file"/>: <c>path(line,col): error CODE: message [project]</c>,
    /// or <c>path : error CODE: ...</c> when the problem has no location. The summary at the end repeats it verbatim.
    /// </summary>
    public static IReadOnlyList<string> LinesFor(string output, string fullPath, string code) =>
        output.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.StartsWith(fullPath + "(", StringComparison.Ordinal) || line.StartsWith(fullPath + " :", StringComparison.Ordinal))
            .Where(line => line.Contains($": error {code}: ", StringComparison.Ordinal))
            .Distinct()
            .ToList();
}
