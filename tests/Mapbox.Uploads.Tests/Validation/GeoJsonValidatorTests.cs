using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Tests.Validation;

public sealed class GeoJsonValidatorTests
{
    private const string GoodCollection = """
        {
          "type": "FeatureCollection",
          "name": "everything",
          "crs": { "type": "name", "properties": { "name": "urn:ogc:def:crs:OGC:1.3:CRS84" } },
          "features": [
            { "type": "Feature", "id": 1, "properties": { "name": "Zürich", "type": "not a geometry", "coordinates": "ignored", "tags": [1, [2, {"a": null}]] },
              "geometry": { "type": "Point", "coordinates": [8.54, 47.37, 408.5] } },
            { "type": "Feature", "properties": null, "geometry": { "type": "MultiPoint", "coordinates": [[180, 90], [-180, -90], [180.0, -90.000]] } },
            { "type": "Feature", "properties": {}, "geometry": { "type": "LineString", "coordinates": [[0, 0], [1.5e1, -2E-3]] } },
            { "type": "Feature", "properties": {}, "geometry": { "type": "MultiLineString", "coordinates": [[[0, 0], [1, 1]], [[2, 2], [3, 3], [4, 4]]] } },
            { "type": "Feature", "properties": {}, "geometry": { "type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]], [[0.1, 0.1], [0.2, 0.1], [0.2, 0.2], [0.1, 0.1]]] } },
            { "type": "Feature", "properties": {}, "geometry": { "type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]] } },
            { "type": "Feature", "properties": {}, "geometry": { "type": "GeometryCollection", "geometries": [
                { "type": "Point", "coordinates": [1, 2] },
                { "type": "GeometryCollection", "geometries": [ { "type": "LineString", "coordinates": [[1, 2], [3, 4]] } ] } ] } },
            { "type": "Feature", "properties": { "empty": true }, "geometry": null },
            { "properties": {}, "geometry": { "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]], "type": "Polygon" }, "type": "Feature" },
            { "type": "Feature", "properties": {}, "geometry": { "type": "LineString", "coordinates": [] } },
            { "\u0074ype": "Feature", "properties": {}, "geometry": { "type": "Point", "coordinates": [-0.0, 0] }, "bbox": [0, 0, 1, 1] }
          ]
        }
        """;

    public static IEnumerable<object[]> GoodDocuments() => new[]
    {
        new object[] { "collection of every geometry", GoodCollection },
        new object[] { "empty collection", """{"type":"FeatureCollection","features":[]}""" },
        new object[] { "features before type", """{"features":[],"type":"FeatureCollection"}""" },
        new object[] { "root feature", """{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{}}""" },
        new object[] { "root geometry", """{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}""" },
        new object[] { "root geometry with coordinates first", """{"coordinates":[[0,0],[1,1]],"type":"LineString"}""" },
        new object[] { "utf-8 bom", "\uFEFF{\"type\":\"Point\",\"coordinates\":[1,2]}" },
        new object[] { "crlf lines", "{\r\n\"type\": \"Point\",\r\n\"coordinates\": [1, 2]\r\n}\r\n" },
        new object[] { "position with a measure after the altitude (RFC 7946 allows it)", """{"type":"LineString","coordinates":[[1,2,3,4],[5,6,7,8]]}""" },
    };

    public static IEnumerable<object[]> BrokenDocuments() => new[]
    {
        new object[] { "syntax: missing value", "{\"type\": \"FeatureCollection\",\n  \"features\": [@@}\n" },
        new object[] { "syntax: trailing comma", "{\"type\": \"Point\",\n \"coordinates\": [1, 2],\n@@}" },
        new object[] { "syntax: unterminated", "{\"type\": \"FeatureCollection\", \"features\": [\n@@" },
        new object[] { "root is an array", "  @@[{\"type\": \"Point\", \"coordinates\": [1, 2]}]" },
        new object[] { "unknown type", "{\"type\": @@\"Featur\", \"geometry\": null}" },
        new object[] { "type is not a string", "{\"type\": @@7}" },
        new object[] { "root without type", "@@{\"features\": []}" },
        new object[] { "collection without features", "@@{\"type\": \"FeatureCollection\"}" },
        new object[] { "features is an object", "{\"type\": \"FeatureCollection\", \"features\": @@{}}" },
        new object[] { "features holds a number", "{\"type\": \"FeatureCollection\", \"features\": [@@1]}" },
        new object[] { "features holds a geometry", "{\"type\": \"FeatureCollection\", \"features\": [\n  {\"type\": @@\"Point\", \"coordinates\": [1, 2]}]}" },
        new object[] { "feature without geometry", "{\"type\": \"FeatureCollection\", \"features\": [\n  @@{\"type\": \"Feature\", \"properties\": {}}]}" },
        new object[] { "feature without type", "{\"type\": \"FeatureCollection\", \"features\": [\n  @@{\"geometry\": null, \"properties\": {}}]}" },
        new object[] { "geometry is a string", "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": @@\"POINT(1 2)\"}" },
        new object[] { "geometry is a feature", "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": {\"type\": @@\"Feature\"}}" },
        new object[] { "properties is a string", "{\"type\": \"Feature\", \"geometry\": null, \"properties\": @@\"x\"}" },
        new object[] { "geometry without coordinates", "{\"type\": \"Feature\", \"properties\": {}, \"geometry\": @@{\"type\": \"Point\"}}" },
        new object[] { "collection without geometries", "@@{\"type\": \"GeometryCollection\"}" },
        new object[] { "longitude out of range", "{\"type\": \"Point\",\n \"coordinates\": [@@200.5, 10]}" },
        new object[] { "negative longitude just out of range", "{\"type\": \"Point\", \"coordinates\": [@@-180.0001, 10]}" },
        new object[] { "latitude in exponent notation out of range", "{\"type\": \"Point\", \"coordinates\": [10, @@9.1e1]}" },
        new object[] { "projected coordinates", "{\"type\": \"LineString\", \"coordinates\": [[@@-13627361.1, 4547675.3], [-13627000, 4547600]]}" },
        new object[] { "position with one number", "{\"type\": \"Point\", \"coordinates\": @@[5]}" },
        new object[] { "empty point", "{\"type\": \"Point\", \"coordinates\": @@[]}" },
        new object[] { "string in coordinates", "{\"type\": \"Point\", \"coordinates\": [@@\"1\", 2]}" },
        new object[] { "polygon given line coordinates", "{\"type\": \"Polygon\", \"coordinates\": [[@@1, 2], [3, 4]]}" },
        new object[] { "point given line coordinates", "{\"type\": \"Point\", \"coordinates\": [@@[1, 2]]}" },
        new object[] { "coordinates nested too deep", "{\"type\": \"MultiPolygon\", \"coordinates\": [[[[@@[1, 2]]]]]}" },
        new object[] { "polygon ring of three positions", "{\"type\": \"Polygon\",\n \"coordinates\": [\n  [[0, 0], [1, 1], [0, 0]],\n  @@[[0, 0], [1, 0], [0, 0]]\n]}".Replace("[[0, 0], [1, 1], [0, 0]]", "[[0, 0], [1, 1], [1, 0], [0, 0]]") },
        new object[] { "multipolygon ring of two positions", "{\"type\": \"MultiPolygon\", \"coordinates\": [[@@[[0, 0], [0, 0]]]]}" },
        new object[] { "line of one position", "{\"type\": \"LineString\", \"coordinates\": @@[[0, 0]]}" },
        new object[] { "empty ring", "{\"type\": \"Polygon\", \"coordinates\": [@@[]]}" },
        new object[] { "coordinates before type: short ring", "{\"coordinates\": [@@[[0, 0], [1, 1], [0, 0]]], \"type\": \"Polygon\"}" },
        new object[] { "coordinates before type: wrong shape", "{\"coordinates\": @@[[0, 0], [1, 1]], \"type\": \"Polygon\"}" },
        new object[] { "coordinates before type: empty point", "{\"coordinates\": @@[], \"type\": \"Point\"}" },
        new object[] { "coordinates before type: short line", "{\"coordinates\": [[[0, 0], [1, 1]], @@[[2, 2]]], \"type\": \"MultiLineString\"}" },
        new object[] { "column counts characters, not bytes", "{\"type\": \"Feature\", \"properties\": {\"name\": \"Zürich Straße 🙂\"}, \"geometry\": {\"type\": \"Point\", \"coordinates\": [@@500, 1]}}" },
        new object[] { "crlf line endings", "{\r\n\"type\": \"Point\",\r\n\"coordinates\":\r\n  [1, @@95]\r\n}" },
        new object[] { "bom does not shift columns", "\uFEFF{\"type\": \"Point\", \"coordinates\": [@@181, 0]}" },
    };

    [Theory]
    [MemberData(nameof(GoodDocuments))]
    public void Valid_GeoJSON_passes(string name, string json)
    {
        using var files = new TempFiles();
        var path = files.WriteText(SafeName(name) + ".geojson", json);

        var result = UploadFileValidator.Validate(path);

        ProblemAssert.Valid(result);
        Assert.Equal(UploadFileType.GeoJson, result.FileType);
    }

    [Theory]
    [MemberData(nameof(BrokenDocuments))]
    public void Broken_GeoJSON_is_reported_at_the_offending_token(string name, string marked)
    {
        using var files = new TempFiles();
        var document = MarkedText.Parse(marked);
        var path = files.WriteText(SafeName(name) + ".geojson", document.Text);

        var result = UploadFileValidator.Validate(path);

        var problem = ProblemAssert.Has(result, FileProblemKind.InvalidGeoJson, document);
        Assert.False(string.IsNullOrWhiteSpace(problem.Message));
    }

    [Theory]
    [MemberData(nameof(BrokenDocuments))]
    public void Tokens_spanning_buffer_boundaries_do_not_move_the_reported_location(string name, string marked)
    {
        var document = MarkedText.Parse(marked);
        var expected = Validate(document.Text, GeoJsonValidatorBufferSizes.Default);
        foreach (var bufferSize in GeoJsonValidatorBufferSizes.Tiny)
        {
            for (var shift = 0; shift < bufferSize; shift += 3)
            {
                // Leading blank lines move every token across a different buffer boundary.
                var shifted = new string('\n', shift) + document.Text.TrimStart('\uFEFF');
                var problem = Validate(shifted, bufferSize);
                Assert.True(problem is not null, name + ": no problem found with buffer " + bufferSize + ", shift " + shift);
                Assert.Equal(expected!.Message, problem!.Message);
                Assert.Equal(expected.Line + shift, problem.Line);
                Assert.Equal(expected.Column, problem.Column);
            }
        }
    }

    [Theory]
    [MemberData(nameof(GoodDocuments))]
    public void Valid_GeoJSON_passes_whatever_the_buffer_boundaries(string name, string json)
    {
        foreach (var bufferSize in GeoJsonValidatorBufferSizes.Tiny)
        {
            for (var shift = 0; shift < bufferSize; shift++)
            {
                var problem = Validate(new string(' ', shift) + json.TrimStart('\uFEFF'), bufferSize);
                Assert.True(problem is null, name + " with buffer " + bufferSize + ", shift " + shift + ": " + problem);
            }
        }
    }

    [Fact]
    public void A_token_larger_than_the_buffer_is_read_whole()
    {
        var longName = new string('x', 10_000);
        var json = "{\"type\":\"Feature\",\"properties\":{\"description\":\"" + longName + "\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[1,2]}}";

        Assert.Null(Validate(json, 64));
        var broken = MarkedText.Parse(json.Replace("[1,2]", "[@@1000,2]"));
        var problem = Validate(broken.Text, 64);
        Assert.Equal((broken.Line, broken.Column), (problem!.Line, problem.Column));
    }

    [Fact]
    public void An_error_near_the_end_of_a_file_many_buffers_long_reports_the_right_line()
    {
        var marked = LargeCollection(features: 40_000, brokenFeature: 39_990, breakIt: f => f.Replace("[30.25, 50.5]", "[30.25, @@-91]"));
        var document = MarkedText.Parse(marked);
        Assert.True(Encoding.UTF8.GetByteCount(document.Text) > 4 * GeoJsonValidatorBufferSizes.Default);

        var problem = Validate(document.Text, GeoJsonValidatorBufferSizes.Default);

        Assert.NotNull(problem);
        Assert.Contains("Latitude -91", problem!.Message);
        Assert.Equal((document.Line, document.Column), (problem.Line, problem.Column));
    }

    [Fact]
    public void A_syntax_error_many_buffers_into_the_file_reports_the_right_line()
    {
        var marked = LargeCollection(features: 40_000, brokenFeature: 39_000, breakIt: f => f.Replace("\"properties\": {", "\"properties\" @@{"));
        var document = MarkedText.Parse(marked);

        var problem = Validate(document.Text, 4096);

        Assert.NotNull(problem);
        Assert.StartsWith("The file is not valid JSON", problem!.Message);
        Assert.Equal((document.Line, document.Column), (problem.Line, problem.Column));
    }

    [Fact]
    public void A_ring_read_buffers_before_its_late_type_is_still_located()
    {
        var ring = "[[0, 0], [1, 1], [0, 0]]";
        var padding = string.Join(",\n", System.Linq.Enumerable.Repeat("[[0, 0], [1, 0], [1, 1], [0, 0]]", 200));
        var marked = "{\"coordinates\": [\n" + padding + ",\n  @@" + ring + "\n], \"properties\": {\"pad\": \"" + new string('p', 5000) + "\"}, \"type\": \"Polygon\"}";
        var document = MarkedText.Parse(marked);

        var problem = Validate(document.Text, 256);

        Assert.NotNull(problem);
        Assert.Contains("ring has 3 positions", problem!.Message);
        Assert.Equal((document.Line, document.Column), (problem.Line, problem.Column));
    }

    [Fact]
    public void A_large_valid_collection_passes()
    {
        var document = LargeCollection(features: 20_000, brokenFeature: -1, breakIt: f => f);

        Assert.Null(Validate(document, GeoJsonValidatorBufferSizes.Default));
        Assert.Null(Validate(document, 4096));
    }

    private static string LargeCollection(int features, int brokenFeature, System.Func<string, string> breakIt)
    {
        var builder = new StringBuilder("{\n  \"type\": \"FeatureCollection\",\n  \"features\": [\n");
        for (var i = 0; i < features; i++)
        {
            var feature = "    {\"type\": \"Feature\", \"properties\": {\"id\": " + i + ", \"name\": \"Straße " + i + "\"},\n" +
                          "     \"geometry\": {\"type\": \"LineString\", \"coordinates\": [[30.25, 50.5], [30.5, 50.75]]}}";
            builder.Append(i == brokenFeature ? breakIt(feature) : feature);
            builder.Append(i + 1 < features ? ",\n" : "\n");
        }

        return builder.Append("  ]\n}\n").ToString();
    }

    private static FileProblem? Validate(string json, int bufferSize)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return GeoJsonValidator.Validate(stream, CancellationToken.None, bufferSize);
    }

    private static string SafeName(string name) => name.Replace(' ', '-').Replace(':', '-').Replace(',', '-');

    private static class GeoJsonValidatorBufferSizes
    {
        public const int Default = GeoJsonValidator.DefaultBufferSize;

        // ArrayPool hands out powers of two from 16 bytes: these are the exact buffer sizes.
        public static readonly int[] Tiny = { 16, 32, 64 };
    }
}
