using System;
using System.IO;
using System.Text;
using Mapbox.Uploads.Validation;

namespace Mapbox.Uploads.Tests.Validation;

/// <summary>The messages a stranger reads: what is wrong, what to do, in plain words and without reader jargon.</summary>
public sealed class MessageWordingTests
{
    [Theory]
    [InlineData("""{"type": "FeatureCollection", "features": [],}""", "a comma follows the last item of an object or array. Remove that comma.")]
    [InlineData("""{"type": "Point", "coordinates": [1, 2,]}""", "a comma follows the last item of an object or array. Remove that comma.")]
    [InlineData("""{'type': 'Point'}""", "a property name is not in double quotes.")]
    [InlineData("""{"type": "Point", "coordinates": [NaN, 2]}""", "this is not the start of a value.")]
    [InlineData("""{"type": "Point" "coordinates": [1, 2]}""", "Add the missing comma")]
    [InlineData("""{"type": "Point", "coordinates": [1, 2]""", "the file ends before every object and array is closed.")]
    [InlineData("""{"type": "Point", "coordinates": [1, 2]} {}""", "more text follows the end of the JSON.")]
    public void Json_syntax_errors_are_said_in_plain_words(string json, string expected)
    {
        using var files = new TempFiles();

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(files.WriteText("roads.geojson", json)), FileProblemKind.InvalidGeoJson);

        Assert.StartsWith("The file is not valid JSON: ", problem.Message, StringComparison.Ordinal);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("reader options", problem.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("payload", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("roads.geojson", FileProblemKind.InvalidGeoJson, """{"type": "FeatureCollection", "features": []}""", "utf-16", true)]
    [InlineData("roads.geojson", FileProblemKind.InvalidGeoJson, """{"type": "FeatureCollection", "features": []}""", "utf-16BE", true)]
    [InlineData("points.csv", FileProblemKind.InvalidCsv, "name,lat,lon\nZurich,47.37,8.54\n", "utf-16", false)]
    public void Utf16_text_is_told_to_be_saved_as_utf8(string name, FileProblemKind kind, string text, string encodingName, bool byteOrderMark)
    {
        using var files = new TempFiles();
        var encoding = Encoding.GetEncoding(encodingName);
        var bytes = byteOrderMark ? [.. encoding.GetPreamble(), .. encoding.GetBytes(text)] : encoding.GetBytes(text);

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(files.WriteBytes(name, bytes)), kind);

        Assert.Equal("The file is saved as UTF-16 text, which Mapbox cannot read. Save it as UTF-8 (in most editors: Save As, Encoding UTF-8).", problem.Message);
    }

    [Theory]
    [InlineData("name;lat;lon\nZurich;47.37;8.54\n", "The CSV header is separated by semicolons, but Mapbox reads only commas.")]
    [InlineData("name\tlat\tlon\nZurich\t47.37\t8.54\n", "The CSV header is separated by tabs, but Mapbox reads only commas.")]
    [InlineData("name,lat\nZurich,47.37\n", "The CSV header has no longitude column. Name the latitude column latitude, lat or y and the longitude column longitude, lon, lng, long or x (any case).")]
    [InlineData("name,lon\nZurich,8.54\n", "The CSV header has no latitude column.")]
    [InlineData("name,height\nZurich,408\n", "The CSV header has no latitude or longitude column.")]
    public void Csv_headers_say_what_is_missing_or_which_separator_is_wrong(string csv, string expected)
    {
        using var files = new TempFiles();

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(files.WriteText("points.csv", csv)), FileProblemKind.InvalidCsv);

        Assert.StartsWith(expected, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_link_to_a_missing_file_is_missing_and_says_the_link_target_is_gone()
    {
        using var files = new TempFiles();
        var path = files.PathOf("roads.geojson");
        File.CreateSymbolicLink(path, files.PathOf("gone.geojson"));

        var problem = ProblemAssert.Has(UploadFileValidator.Validate(path), FileProblemKind.Missing);

        Assert.Equal("This path is a link whose target does not exist. Point the link at the file to upload, or create its target first.", problem.Message);
    }
}
