using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using System.Xml.Linq;
using Mapbox.Uploads.Emulator;
using Mapbox.Uploads.Package.Tests.Infrastructure;

namespace Mapbox.Uploads.Package.Tests.Reliability;

/// <summary>
/// Ring 3: every problem visible on this machine, declared together in one data project and reported together by
/// one real dotnet build, each by its own code, with the file, the tileset and the fix, and not one request sent.
/// </summary>
public sealed class LocalProblemTests : EmulatedPackageScenario
{
    public LocalProblemTests()
        : base(processingMilliseconds: 200)
    {
    }

    /// <summary>One case: the item, the code it must get, and what its error line must name.</summary>
    private sealed record Case(string Name, XElement Item, ErrorCode Code, params string[] Named);

    private static XElement Item(string include, string? mapId, params (string Name, string Value)[] metadata) =>
        new("MapboxTileset", new XAttribute("Include", include),
            mapId is null ? null : new XAttribute("MapId", mapId),
            metadata.Select(m => new XAttribute(m.Name, m.Value)));

    [Fact]
    public async Task Twenty_local_problems_in_one_build_each_get_their_own_code_file_tileset_and_fix_and_nothing_is_sent()
    {
        var sandbox = new Sandbox(Feed, "local-problems");
        var good = SampleData.RoadsGeoJson;
        sandbox.WriteFile("data/empty.geojson", string.Empty);
        Directory.CreateDirectory(sandbox.PathOf("data/folder.geojson"));
        sandbox.WriteFile("data/notes.txt", "a text file");
        sandbox.WriteFile("data/broken.geojson", """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,""");
        sandbox.WriteFile("data/stops.csv", "name,city\nCentral,Leipzig\n");
        sandbox.WriteFile("data/layers.kml", "<kml><Document><Placemark>");
        sandbox.WriteFile("data/track.gpx", "<notgpx/>");
        sandbox.WriteFile("data/pretend.geojson", "SQLite format 3\0" + new string('x', 200));
        foreach (var name in new[] { "nomapid", "blankmapid", "longid", "badchars", "otherowner", "ownermeta", "dup1", "dup2", "longname", "badflag" })
        {
            sandbox.WriteFile($"data/{name}.geojson", good);
        }

        using (var huge = File.Create(sandbox.PathOf("data/huge.gpx")))
        {
            huge.SetLength(272_629_760 + 1); // one byte over GPX's 260 MB, sparse: nothing is written
        }

        var longName = new string('n', 65);
        var cases = new List<Case>
        {
            new("missing file", Item("data/missing.geojson", "missing"), ErrorCodes.FileMissing, "data/missing.geojson", "lindenau.missing"),
            new("directory", Item("data/folder.geojson", "folder"), ErrorCodes.FileIsDirectory, "data/folder.geojson", "lindenau.folder"),
            new("empty file", Item("data/empty.geojson", "empty"), ErrorCodes.FileEmpty, "data/empty.geojson", "lindenau.empty"),
            new("unreadable (a socket)", Item("data/socket.geojson", "socket"), ErrorCodes.FileUnreadable, "data/socket.geojson", "lindenau.socket"),
            new("MapId missing", Item("data/nomapid.geojson", null), ErrorCodes.MapIdMissing, "data/nomapid.geojson"),
            new("MapId empty", Item("data/blankmapid.geojson", "  "), ErrorCodes.MapIdMissing, "data/blankmapid.geojson"),
            new("MapId too long", Item("data/longid.geojson", new string('a', 33)), ErrorCodes.MapIdInvalid, "data/longid.geojson", new string('a', 33)),
            new("MapId bad characters", Item("data/badchars.geojson", "roads!2024"), ErrorCodes.MapIdInvalid, "data/badchars.geojson", "roads!2024"),
            new("owner prefix of another account", Item("data/otherowner.geojson", "someoneelse.roads"), ErrorCodes.OwnerMismatch, "data/otherowner.geojson", "someoneelse.roads", Account),
            new("Owner metadata against the MapId", Item("data/ownermeta.geojson", "lindenau.meta", ("Owner", "bob")), ErrorCodes.OwnerMismatch, "data/ownermeta.geojson", "bob", Account),
            new("two items, one tileset", Item("data/dup2.geojson", "dup"), ErrorCodes.DuplicateTileset, "data/dup2.geojson", "data/dup1.geojson", "lindenau.dup"),
            new("Name over 64", Item("data/longname.geojson", "longname", ("Name", longName)), ErrorCodes.NameTooLong, "data/longname.geojson", "lindenau.longname", "65"),
            new("flag not a boolean", Item("data/badflag.geojson", "badflag", ("Patch", "maybe")), ErrorCodes.MetadataInvalid, "data/badflag.geojson", "lindenau.badflag", "maybe"),
            new("unsupported extension", Item("data/notes.txt", "notes"), ErrorCodes.UnsupportedExtension, "data/notes.txt", "lindenau.notes"),
            new("over the type's limit (sparse 260 MB + 1 GPX)", Item("data/huge.gpx", "huge"), ErrorCodes.FileTooLarge, "data/huge.gpx", "lindenau.huge"),
            new("content of another type", Item("data/pretend.geojson", "pretend"), ErrorCodes.ContentMismatch, "data/pretend.geojson", "lindenau.pretend"),
            new("invalid GeoJSON", Item("data/broken.geojson", "broken"), ErrorCodes.InvalidGeoJson, "data/broken.geojson", "lindenau.broken"),
            new("CSV without coordinates", Item("data/stops.csv", "stops"), ErrorCodes.InvalidCsv, "data/stops.csv", "lindenau.stops"),
            new("KML not well-formed", Item("data/layers.kml", "layers"), ErrorCodes.InvalidKml, "data/layers.kml", "lindenau.layers"),
            new("GPX without a gpx root", Item("data/track.gpx", "track"), ErrorCodes.InvalidGpx, "data/track.gpx", "lindenau.track"),
        };
        var items = new List<XElement> { Item("data/dup1.geojson", "dup") };
        items.AddRange(cases.Select(c => c.Item));
        sandbox.WriteProject(items);
        var token = Emulator.MintToken(Account);

        ProcessResult result;
        using (UnreadableFiles.BindSocket(sandbox.PathOf("data/socket.geojson")))
        {
            result = await sandbox.RunAsync("build", DataProject.WithToken(token, ci: true), $"-p:MapboxApiUrl={Emulator.BaseUrl}");
        }

        Assert.NotEqual(0, result.ExitCode);
        Assert.Empty(Emulator.Requests);
        var errorLines = result.Output.Split('\n').Where(line => line.Contains(": error MBX", StringComparison.Ordinal)).Distinct().ToList();
        foreach (var expected in cases)
        {
            var itemSpec = expected.Item.Attribute("Include")!.Value;
            var line = errorLines.SingleOrDefault(l => l.TrimStart().StartsWith(sandbox.PathOf(itemSpec), StringComparison.Ordinal)
                && l.Contains($"error {expected.Code.Code}:", StringComparison.Ordinal));
            Assert.True(line is not null, $"{expected.Name}: no single 'error {expected.Code.Code}' line for {itemSpec} in:\n{string.Join('\n', errorLines)}");
            Assert.All(expected.Named, named => Assert.True(line!.Contains(named, StringComparison.Ordinal), $"{expected.Name}: '{named}' missing from {line}"));
            Assert.True(line!.Contains(expected.Code.Help, StringComparison.Ordinal), $"{expected.Name}: the fix is missing from {line}");
        }

        Assert.Equal(cases.Count, errorLines.Count);
        Assert.Equal(cases.Select(c => c.Code.Code).Distinct().Order(StringComparer.Ordinal), result.ErrorCodes.Order(StringComparer.Ordinal));
        var stamps = sandbox.StampDirectory;
        Assert.False(Directory.Exists(stamps) && Directory.EnumerateFiles(stamps).Any(), "a stamp was written although nothing went up");
        Assert.Empty(sandbox.StampFilesAnywhere());
    }
}
